import { useState } from 'react';
import { problemMessage } from '../../api/problem';
import type { UpdateNotificationPreferencesRequest } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { formatDateTime } from '../../lib/format';
import { useWorkspace } from '../workspaces/workspaceContext';
import { usePreferences, useSavePreferences } from './queries';

const SIGNALS: { key: keyof UpdateNotificationPreferencesRequest; label: string; hint: string }[] = [
  { key: 'overdueActivities', label: 'Overdue activities', hint: 'Open activities assigned to the member whose due time has passed.' },
  { key: 'staleLeads', label: 'Stale leads', hint: 'Open leads assigned to the member: next action date passed, or no update for 7 days.' },
  { key: 'staleDeals', label: 'Stale deals', hint: 'Open deals the member owns with no update for 14 days.' },
];

/** The workspace's daily digest preferences: owners and managers change them, viewers read them. */
export function DigestPreferencesSection() {
  const { workspace } = useWorkspace();
  const canEdit = workspace.role === 'owner' || workspace.role === 'manager';
  const prefs = usePreferences(workspace.id);
  const save = useSavePreferences(workspace.id);
  const toast = useToast();
  // Only the toggles the user changed; the rest shows the saved value.
  const [changes, setChanges] = useState<Partial<UpdateNotificationPreferencesRequest>>({});

  if (prefs.isPending) return <LoadingState label="Loading notification settings…" />;
  if (prefs.isError) return <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />;
  const saved = prefs.data;
  const draft: UpdateNotificationPreferencesRequest = {
    overdueActivities: changes.overdueActivities ?? saved.overdueActivities,
    staleLeads: changes.staleLeads ?? saved.staleLeads,
    staleDeals: changes.staleDeals ?? saved.staleDeals,
  };
  const dirty = SIGNALS.some(({ key }) => draft[key] !== saved[key]);

  return (
    <form
      className="card form-card"
      aria-label="Daily digest"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft, {
          onSuccess: () => {
            setChanges({});
            toast.success('Digest settings saved');
          },
          onError: (error) => toast.error(`Could not save the digest settings: ${problemMessage(error)}`),
        });
      }}
    >
      <h2>Daily digest email</h2>
      <p className="muted">
        Every morning (06:00 UTC) each member gets one email about their own records. Members with nothing to report get no email.
      </p>
      {!canEdit && (
        <p className="notice" role="note">
          Your role is <strong>{workspace.role}</strong>: only owners and managers can change these settings.
        </p>
      )}
      <fieldset>
        <legend className="visually-hidden">Signals in the digest</legend>
        {SIGNALS.map(({ key, label, hint }) => (
          <label key={key} className="checkbox">
            <input
              type="checkbox"
              checked={draft[key]}
              disabled={!canEdit || save.isPending}
              onChange={(event) => setChanges({ ...changes, [key]: event.target.checked })}
            />
            <span>
              {label}
              <span className="muted small"> — {hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">
        {saved.updatedAt ? `Last changed ${formatDateTime(saved.updatedAt)}.` : 'Defaults: every signal is on.'}
      </p>
      {canEdit && (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save digest settings'}
          </button>
        </div>
      )}
    </form>
  );
}

export function NotificationSettingsPage() {
  return (
    <>
      <PageHeader title="Notification settings" />
      <DigestPreferencesSection />
    </>
  );
}
