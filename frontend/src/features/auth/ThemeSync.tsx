import { useEffect } from 'react';
import { applyTheme, storedTheme } from '../../lib/theme';
import { useMe } from './queries';

/** Keeps <html data-theme> in line with the user's saved preference and, for `system`, the OS. */
export function ThemeSync() {
  const me = useMe();
  const preference = me.data?.user.theme ?? storedTheme();

  useEffect(() => {
    applyTheme(preference);
    if (preference !== 'system' || typeof window.matchMedia !== 'function') return undefined;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [preference]);

  return null;
}
