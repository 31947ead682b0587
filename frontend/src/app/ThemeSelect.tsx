import { problemMessage } from '../api/problem';
import type { Theme } from '../api/types';
import { useToast } from '../components/toastContext';
import { useMe, useUpdateTheme } from '../features/auth/queries';
import { isTheme } from '../lib/theme';

const OPTIONS: { value: Theme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** Light / dark / system, saved to the user's profile and applied at once. */
export function ThemeSelect({ id = 'theme-select', label = 'Theme' }: { id?: string; label?: string }) {
  const me = useMe();
  const update = useUpdateTheme();
  const toast = useToast();
  const value = me.data?.user.theme ?? 'system';
  return (
    <div className="theme-select">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const theme = event.target.value;
          if (!isTheme(theme)) return;
          update.mutate(theme, {
            onSuccess: () => toast.success(`Theme set to ${theme}`),
            onError: (error) => toast.error(`Could not save the theme: ${problemMessage(error)}`),
          });
        }}
      >
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
