import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { todayIso } from './board';

export interface NextActionChoice {
  nextActionDate: string;
  nextActionText?: string;
}

/**
 * Asks for the next step before an open deal moves forward (the server
 * refuses the move without a next action date of today or later: 422
 * `deal.next_action_required`); `serverError` shows that refusal on the field.
 */
export function NextActionDialog({
  dealTitle,
  stageName,
  initialText,
  pending,
  serverError,
  onConfirm,
  onCancel,
}: {
  dealTitle: string;
  stageName: string;
  initialText?: string | null;
  pending?: boolean;
  serverError?: string;
  onConfirm: (choice: NextActionChoice) => void;
  onCancel: () => void;
}) {
  const [date, setDate] = useState('');
  const [text, setText] = useState(initialText ?? '');
  const [error, setError] = useState<string | null>(null);
  const ids = { date: useId(), text: useId(), error: useId() };
  const today = todayIso();
  const shown = error ?? serverError;

  function confirm() {
    if (!date) return setError('Choose the date of the next step.');
    if (date < today) return setError('Choose today or a later date.');
    setError(null);
    onConfirm({ nextActionDate: date, ...(text.trim() ? { nextActionText: text.trim() } : {}) });
  }

  return (
    <Dialog
      title="Plan the next step"
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={confirm} disabled={pending}>
            {pending ? 'Saving…' : `Move to ${stageName}`}
          </button>
        </>
      }
    >
      <p>
        “{dealTitle}” moves forward to <strong>{stageName}</strong>. A deal moves on only with a next step planned: when is it?
      </p>
      <div className="field">
        <label htmlFor={ids.date}>Next action date</label>
        <input
          id={ids.date}
          type="date"
          min={today}
          value={date}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? ids.error : undefined}
          onChange={(e) => setDate(e.target.value)}
        />
        {shown && (
          <p id={ids.error} className="field-error" role="alert">
            {shown}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.text}>Next action</label>
        <input id={ids.text} value={text} maxLength={500} autoComplete="off" placeholder="e.g. Send the proposal" onChange={(e) => setText(e.target.value)} />
      </div>
    </Dialog>
  );
}
