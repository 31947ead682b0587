import type { UseFormSetError } from 'react-hook-form';
import { ApiError, problemMessage } from '../../api/problem';
import { setProblemOnForm } from '../../lib/formErrors';
import { CONTACT_FORM_FIELDS, type ContactFormInput } from './contactForm';

export interface ExistingContact {
  id: string;
  name: string;
}

/** The contact that already has the email, from a 409 `contact.email_taken` (`existing: {id, name}`); else `null`. */
export function emailTakenBy(error: unknown): ExistingContact | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'contact.email_taken') return null;
  const existing = error.problem.extensions?.existing;
  if (typeof existing === 'object' && existing !== null) {
    const e = existing as Record<string, unknown>;
    if (typeof e.id === 'string') return { id: e.id, name: typeof e.name === 'string' ? e.name : 'the existing contact' };
  }
  return { id: '', name: 'another contact' };
}

export interface ContactSubmitContext {
  setError: UseFormSetError<ContactFormInput>;
  /** Shows "A contact with this email already exists: <link>" on the email field. */
  setEmailTaken: (existing: ExistingContact | null) => void;
}

/**
 * After a mutation error: a 409 `contact.email_taken` goes onto the email
 * field with a link to the existing contact; anything else through the usual
 * field mapping. Returns the toast message.
 */
export function applyContactProblem(error: unknown, form: ContactSubmitContext): string {
  const existing = emailTakenBy(error);
  if (existing) {
    form.setEmailTaken(existing);
    form.setError('email', { type: 'taken', message: '' }, { shouldFocus: true });
    return `A contact with this email already exists: ${existing.name}`;
  }
  form.setEmailTaken(null);
  setProblemOnForm(error, form.setError, CONTACT_FORM_FIELDS);
  return problemMessage(error);
}

