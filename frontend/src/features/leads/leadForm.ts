import { z } from 'zod';
import type { CreateLeadRequest, LeadView, SettableLeadStatus, UpdateLeadRequest } from '../../api/types';
import { LEAD_STATUSES } from './status';

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}: use at most ${max} characters`);

/**
 * Shape only. Whether an email or phone is valid, a source exists or a
 * qualified lead has its next action date is the API's call; its field
 * errors land on these same fields.
 */
export const leadFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters'),
  email: optionalText(254, 'Email'),
  phone: optionalText(30, 'Phone'),
  company: optionalText(200, 'Company'),
  source: z.string().min(1, 'Choose a source'),
  status: z.enum(LEAD_STATUSES as [LeadView['status'], ...LeadView['status'][]]),
  assigneeId: z.string(),
  nextActionDate: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Use a date like 2026-12-31'),
  nextActionText: optionalText(500, 'Next action'),
  notes: optionalText(10_000, 'Notes'),
  tags: z.array(z.string()).max(20, 'At most 20 tags'),
});

export type LeadFormInput = z.input<typeof leadFormSchema>;
export type LeadFormValues = z.output<typeof leadFormSchema>;

/** Every form field, for mapping API field errors (`errors[].field`) onto them. */
export const LEAD_FORM_FIELDS = [
  'name',
  'email',
  'phone',
  'company',
  'source',
  'status',
  'assigneeId',
  'nextActionDate',
  'nextActionText',
  'notes',
  'tags',
] as const satisfies readonly (keyof LeadFormValues)[];

export function emptyLeadForm(): LeadFormInput {
  return {
    name: '',
    email: '',
    phone: '',
    company: '',
    source: 'other',
    status: 'new',
    assigneeId: '',
    nextActionDate: '',
    nextActionText: '',
    notes: '',
    tags: [],
  };
}

export function leadToForm(lead: LeadView): LeadFormInput {
  return {
    name: lead.name,
    email: lead.email ?? '',
    phone: lead.phone ?? '',
    company: lead.company ?? '',
    source: lead.source,
    status: lead.status,
    assigneeId: lead.assigneeId ?? '',
    nextActionDate: lead.nextActionDate ?? '',
    nextActionText: lead.nextActionText ?? '',
    notes: lead.notes ?? '',
    tags: [...lead.tags],
  };
}

/** `converted` is never sent: only conversion reaches it. */
function settable(status: LeadView['status']): SettableLeadStatus | undefined {
  return status === 'converted' ? undefined : status;
}

const NULLABLE = ['email', 'phone', 'company', 'assigneeId', 'nextActionDate', 'nextActionText', 'notes'] as const;

/** The create body: blank optional fields are left out. */
export function toCreateRequest(values: LeadFormValues): CreateLeadRequest {
  const body: CreateLeadRequest = { name: values.name, source: values.source, status: settable(values.status) };
  for (const key of NULLABLE) {
    if (values[key]) body[key] = values[key];
  }
  if (values.tags.length > 0) body.tags = values.tags;
  return body;
}

/**
 * The PATCH body: only what changed from `lead`; a cleared field is `null`.
 * An unchanged status is left out (a move to the same status is not a move).
 */
export function toUpdateRequest(values: LeadFormValues, lead: LeadView): UpdateLeadRequest {
  const body: UpdateLeadRequest = {};
  if (values.name !== lead.name) body.name = values.name;
  if (values.source !== lead.source) body.source = values.source;
  if (values.status !== lead.status) body.status = settable(values.status);
  for (const key of NULLABLE) {
    const next = values[key] || null;
    if (next !== (lead[key] ?? null)) body[key] = next;
  }
  if (values.tags.join('\u0000') !== lead.tags.join('\u0000')) body.tags = values.tags;
  return body;
}
