import { z } from 'zod';
import type { ContactView, CreateContactRequest, UpdateContactRequest } from '../../api/types';

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}: use at most ${max} characters`);

/** Shape only: email and phone validity is the API's call (its field errors land on these fields). */
export const contactFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters'),
  email: optionalText(254, 'Email'),
  otherEmails: z.string(),
  phone: optionalText(30, 'Phone'),
  jobTitle: optionalText(200, 'Job title'),
  companyId: z.string(),
  ownerId: z.string(),
  tags: z.array(z.string()).max(20, 'At most 20 tags'),
  address: optionalText(500, 'Address'),
  notes: optionalText(10_000, 'Notes'),
});

export type ContactFormInput = z.input<typeof contactFormSchema>;
export type ContactFormValues = z.output<typeof contactFormSchema>;

export const CONTACT_FORM_FIELDS = [
  'name',
  'email',
  'otherEmails',
  'phone',
  'jobTitle',
  'companyId',
  'ownerId',
  'tags',
  'address',
  'notes',
] as const satisfies readonly (keyof ContactFormValues)[];

/** "a@x.test, b@x.test" (commas, spaces or new lines) → the list, blanks and repeats dropped. */
export function splitEmails(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const email = raw.trim();
    if (email && !out.includes(email)) out.push(email);
  }
  return out;
}

export function emptyContactForm(defaults: { companyId?: string; ownerId?: string } = {}): ContactFormInput {
  return {
    name: '',
    email: '',
    otherEmails: '',
    phone: '',
    jobTitle: '',
    companyId: defaults.companyId ?? '',
    ownerId: defaults.ownerId ?? '',
    tags: [],
    address: '',
    notes: '',
  };
}

export function contactToForm(contact: ContactView): ContactFormInput {
  return {
    name: contact.name,
    email: contact.email ?? '',
    otherEmails: contact.otherEmails.join(', '),
    phone: contact.phone ?? '',
    jobTitle: contact.jobTitle ?? '',
    companyId: contact.company?.id ?? '',
    ownerId: contact.ownerId ?? '',
    tags: [...contact.tags],
    address: contact.address ?? '',
    notes: contact.notes ?? '',
  };
}

const NULLABLE = ['email', 'phone', 'jobTitle', 'ownerId', 'address', 'notes'] as const;

export function toCreateContactRequest(values: ContactFormValues): CreateContactRequest {
  const body: CreateContactRequest = { name: values.name };
  if (values.email) body.email = values.email;
  if (values.phone) body.phone = values.phone;
  if (values.jobTitle) body.jobTitle = values.jobTitle;
  if (values.companyId) body.companyId = values.companyId;
  if (values.ownerId) body.ownerId = values.ownerId;
  if (values.address) body.address = values.address;
  if (values.notes) body.notes = values.notes;
  const otherEmails = splitEmails(values.otherEmails);
  if (otherEmails.length > 0) body.otherEmails = otherEmails;
  if (values.tags.length > 0) body.tags = values.tags;
  return body;
}

/** Only what changed from `contact`; a cleared field is `null`. */
export function toUpdateContactRequest(values: ContactFormValues, contact: ContactView): UpdateContactRequest {
  const body: Record<string, unknown> = {};
  if (values.name !== contact.name) body.name = values.name;
  for (const key of NULLABLE) {
    const next = values[key] || null;
    if (next !== (contact[key] ?? null)) body[key] = next;
  }
  const companyId = values.companyId || null;
  if (companyId !== (contact.company?.id ?? null)) body.companyId = companyId;
  const otherEmails = splitEmails(values.otherEmails);
  if (otherEmails.join('\u0000') !== contact.otherEmails.join('\u0000')) body.otherEmails = otherEmails;
  if (values.tags.join('\u0000') !== contact.tags.join('\u0000')) body.tags = values.tags;
  return body as UpdateContactRequest;
}
