import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, problemMessage } from '../api/problem';

export interface AppliedProblem {
  /** Field errors that matched a form field and were set on it. */
  mapped: number;
  /** What is left for a form-level alert or a toast, if anything. */
  formMessage?: string;
}

/**
 * Puts the API's field errors (`errors[].field`, camelCase) onto the matching
 * react-hook-form fields. Errors on unknown fields, and problems without field
 * errors, come back as a form-level message.
 */
export function applyProblemToForm<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): AppliedProblem {
  if (!(error instanceof ApiError)) return { mapped: 0, formMessage: problemMessage(error) };
  const known = new Set<string>(fields);
  const leftovers: string[] = [];
  let mapped = 0;
  const seen = new Set<string>();
  for (const fieldError of error.problem.errors ?? []) {
    if (known.has(fieldError.field)) {
      if (seen.has(fieldError.field)) continue; // first message per field wins
      seen.add(fieldError.field);
      setError(fieldError.field as Path<T>, { type: fieldError.code, message: fieldError.message }, { shouldFocus: mapped === 0 });
      mapped += 1;
    } else {
      leftovers.push(fieldError.field ? `${fieldError.field}: ${fieldError.message}` : fieldError.message);
    }
  }
  if (mapped > 0 && leftovers.length === 0) return { mapped };
  const formMessage = leftovers.length > 0 ? leftovers.join('; ') : problemMessage(error);
  return { mapped, formMessage };
}

/** {@link applyProblemToForm}, plus the leftover message as the form's `root.server` error. */
export function setProblemOnForm<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): AppliedProblem {
  const applied = applyProblemToForm(error, setError, fields);
  if (applied.formMessage) setError('root.server', { type: 'server', message: applied.formMessage });
  return applied;
}
