import type { Theme } from '../api/types';

export type ResolvedTheme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'crm.theme';

export function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark' || value === 'system';
}

/** `system` follows the operating system's `prefers-color-scheme`. */
export function resolveTheme(preference: Theme, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

export function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Sets `data-theme` on <html> (the CSS variables key off it) and remembers the choice for first paint. */
export function applyTheme(preference: Theme, root: HTMLElement = document.documentElement): ResolvedTheme {
  const resolved = resolveTheme(preference, systemPrefersDark());
  root.dataset.theme = resolved;
  root.dataset.themePreference = preference;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Private mode or disabled storage: the theme still applies for this page.
  }
  return resolved;
}

export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return isTheme(value) ? value : 'system';
  } catch {
    return 'system';
  }
}
