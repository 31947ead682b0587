import { describe, expect, it, vi } from 'vitest';
import { applyTheme, resolveTheme, storedTheme, THEME_STORAGE_KEY } from './theme';

describe('resolveTheme', () => {
  it('uses an explicit choice as is', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('follows prefers-color-scheme for system', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });
});

describe('applyTheme', () => {
  it('sets data-theme on the root and remembers the preference', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('dark'), media: query }));
    const root = document.createElement('html');
    expect(applyTheme('system', root)).toBe('dark');
    expect(root.dataset.theme).toBe('dark');
    expect(root.dataset.themePreference).toBe('system');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('system');
    applyTheme('light', root);
    expect(root.dataset.theme).toBe('light');
    expect(storedTheme()).toBe('light');
  });

  it('falls back to system for junk in storage', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'purple');
    expect(storedTheme()).toBe('system');
  });
});
