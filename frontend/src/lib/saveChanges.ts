import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { problemMessage } from '../api/problem';
import type { ToastApi } from '../components/toastContext';
import { setProblemOnForm } from './formErrors';

interface SaveChanges<Body extends object, Saved, Values extends FieldValues> {
  /** Only the changed fields. */
  body: Body;
  mutate: (body: Body, callbacks: { onSuccess: (saved: Saved) => void; onError: (error: unknown) => void }) => void;
  toast: ToastApi;
  /** Lower-case record kind for messages: "lead", "deal"… */
  noun: string;
  savedName: (saved: Saved) => string;
  onSaved: (saved: Saved) => void;
  setError: UseFormSetError<Values>;
  fields: readonly Path<Values>[];
}

/**
 * Submits an edit form: says so when nothing changed, confirms a save, and
 * puts the server's field errors on the form (with a toast naming the problem).
 */
export function saveChanges<Body extends object, Saved, Values extends FieldValues>({
  body,
  mutate,
  toast,
  noun,
  savedName,
  onSaved,
  setError,
  fields,
}: SaveChanges<Body, Saved, Values>) {
  if (Object.keys(body).length === 0) {
    toast.show('Nothing to save: no field changed');
    return;
  }
  const label = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
  mutate(body, {
    onSuccess: (saved) => {
      toast.success(`${label} “${savedName(saved)}” saved`);
      onSaved(saved);
    },
    onError: (error) => {
      setProblemOnForm(error, setError, fields);
      toast.error(`Could not save the ${noun}: ${problemMessage(error)}`);
    },
  });
}
