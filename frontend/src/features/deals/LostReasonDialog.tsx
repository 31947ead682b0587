import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorState, LoadingState } from '../../components/states';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useLostReasons } from './queries';

const OTHER = 'other';

export interface LostChoice {
  body: { lostReasonId?: string; lostReasonOther?: string };
  /** What the reason reads as, for the optimistic card and the toast. */
  label: string;
}

/**
 * Asks why a deal was lost before it moves to a lost stage: one of the
 * workspace's active reasons, or "Other" with a required text.
 */
export function LostReasonDialog({
  dealTitle,
  stageName,
  pending,
  onConfirm,
  onCancel,
}: {
  dealTitle: string;
  stageName: string;
  pending?: boolean;
  onConfirm: (choice: LostChoice) => void;
  onCancel: () => void;
}) {
  const { workspace } = useWorkspace();
  const reasons = useLostReasons(workspace.id);
  const [selected, setSelected] = useState('');
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { group: useId(), other: useId(), error: useId() };
  const active = reasons.data?.filter((r) => !r.archived) ?? [];

  function confirm() {
    if (!selected) {
      setError('Choose why the deal was lost.');
      return;
    }
    if (selected === OTHER) {
      const text = other.trim();
      if (!text) {
        setError('Describe the reason.');
        return;
      }
      onConfirm({ body: { lostReasonOther: text }, label: text });
      return;
    }
    const reason = active.find((r) => r.id === selected);
    onConfirm({ body: { lostReasonId: selected }, label: reason?.label ?? '' });
  }

  let body;
  if (reasons.isPending) body = <LoadingState label="Loading lost reasons…" />;
  else if (reasons.isError) body = <ErrorState title="Could not load the lost reasons" error={reasons.error} onRetry={() => void reasons.refetch()} />;
  else
    body = (
      <>
        <p>
          “{dealTitle}” moves to <strong>{stageName}</strong>. Why was it lost?
        </p>
        <fieldset className="fieldset" aria-describedby={error ? ids.error : undefined}>
          <legend id={ids.group}>Lost reason</legend>
          <div className="radio-list">
            {active.map((reason) => (
              <label key={reason.id} className="checkbox">
                <input type="radio" name="lost-reason" value={reason.id} checked={selected === reason.id} onChange={() => setSelected(reason.id)} />
                {reason.label}
              </label>
            ))}
            <label className="checkbox">
              <input type="radio" name="lost-reason" value={OTHER} checked={selected === OTHER} onChange={() => setSelected(OTHER)} />
              Other
            </label>
          </div>
        </fieldset>
        {selected === OTHER && (
          <div className="field">
            <label htmlFor={ids.other}>Other reason</label>
            <input
              id={ids.other}
              value={other}
              maxLength={200}
              autoComplete="off"
              aria-invalid={error && !other.trim() ? true : undefined}
              onChange={(e) => setOther(e.target.value)}
            />
          </div>
        )}
        {error && (
          <p id={ids.error} className="field-error" role="alert">
            {error}
          </p>
        )}
      </>
    );

  return (
    <Dialog
      title="Mark the deal as lost"
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={pending || !reasons.isSuccess}>
            {pending ? 'Saving…' : 'Mark as lost'}
          </button>
        </>
      }
    >
      {body}
    </Dialog>
  );
}
