import type { FormEventHandler, ReactNode } from 'react';
import { Link } from 'react-router';
import { FormAlert } from './Field';

interface RecordFormProps {
  /** Accessible name: "New deal", "Edit Ada Lovelace". */
  label: string;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** The form-level message (`errors.root.server`): what the server said that no field took. */
  serverMessage?: string;
  cancelTo: string;
  submitLabel: string;
  pending: boolean;
  children: ReactNode;
}

/**
 * The shell of a record's create / edit form: the server's form-level
 * problem on top (field errors land on their fields via `setProblemOnForm`),
 * the sections, and a sticky save bar that stays in reach on long forms.
 */
export function RecordForm({ label, onSubmit, serverMessage, cancelTo, submitLabel, pending, children }: RecordFormProps) {
  return (
    <form className="lead-form" noValidate aria-label={label} onSubmit={onSubmit}>
      <FormAlert message={serverMessage} />
      {children}
      <div className="form-bar" role="group" aria-label="Form actions">
        <Link className="btn" to={cancelTo}>
          Cancel
        </Link>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
