import { z } from 'zod';
import type { ActivityPriority, ActivityType, CreateActivityRequest } from '../../api/types';
import { ACTIVITY_PRIORITIES, ACTIVITY_TYPES, localDateTimeToIso } from './meta';

export const activityFormSchema = z.object({
  type: z.enum(ACTIVITY_TYPES as [ActivityType, ...ActivityType[]]),
  subject: z.string().trim().min(1, 'Enter a subject').max(200, 'Use at most 200 characters'),
  priority: z.enum(ACTIVITY_PRIORITIES as [ActivityPriority, ...ActivityPriority[]]),
  dueAt: z.string(),
  assigneeId: z.string(),
  body: z.string().trim().max(10_000, 'Use at most 10000 characters'),
});

export type ActivityFormInput = z.input<typeof activityFormSchema>;
export type ActivityFormValues = z.output<typeof activityFormSchema>;

export const ACTIVITY_FORM_FIELDS = ['type', 'subject', 'priority', 'dueAt', 'assigneeId', 'body'] as const satisfies readonly (keyof ActivityFormValues)[];

/** The records a quick-created activity is linked to. */
export interface ActivityLinks {
  leadId?: string;
  contactId?: string;
  companyId?: string;
  dealId?: string;
}

export function toCreateActivityRequest(values: ActivityFormValues, links: ActivityLinks): CreateActivityRequest {
  const body: CreateActivityRequest = { type: values.type, subject: values.subject, priority: values.priority };
  const dueAt = localDateTimeToIso(values.dueAt);
  if (dueAt) body.dueAt = dueAt;
  if (values.assigneeId) body.assigneeId = values.assigneeId;
  if (values.body) body.body = values.body;
  if (links.leadId) body.leadId = links.leadId;
  if (links.contactId) body.contactId = links.contactId;
  if (links.companyId) body.companyId = links.companyId;
  if (links.dealId) body.dealId = links.dealId;
  return body;
}
