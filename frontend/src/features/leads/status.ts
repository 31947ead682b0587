import type { LeadStatus } from '../../api/types';

export const LEAD_STATUSES: readonly LeadStatus[] = ['new', 'contacted', 'qualified', 'unqualified', 'converted'];

/** Statuses a lead may be created with (conversion has its own operation). */
export const CREATABLE_STATUSES: readonly LeadStatus[] = ['new', 'contacted', 'qualified', 'unqualified'];

const LABELS: Record<LeadStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  unqualified: 'Unqualified',
  converted: 'Converted',
};

export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const TONES: Record<LeadStatus, StatusTone> = {
  new: 'info',
  contacted: 'neutral',
  qualified: 'success',
  unqualified: 'danger',
  converted: 'success',
};

/**
 * The status flow of docs/api-design.md (the server answers 422
 * `lead.invalid_transition` to anything else):
 *
 * | from | allowed to |
 * | --- | --- |
 * | new | contacted, qualified, unqualified |
 * | contacted | qualified, unqualified |
 * | qualified | contacted, unqualified |
 * | unqualified | contacted |
 * | converted | – (terminal) |
 */
const FLOW: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'qualified', 'unqualified'],
  contacted: ['qualified', 'unqualified'],
  qualified: ['contacted', 'unqualified'],
  unqualified: ['contacted'],
  converted: [],
};

export function statusLabel(status: string): string {
  return (LABELS as Record<string, string>)[status] ?? status;
}

export function statusTone(status: LeadStatus): StatusTone {
  return TONES[status];
}

export function isLeadStatus(value: string | null | undefined): value is LeadStatus {
  return LEAD_STATUSES.includes(value as LeadStatus);
}

/** Where a lead in `from` may be moved by a user. */
export function allowedNextStatuses(from: LeadStatus): readonly LeadStatus[] {
  return FLOW[from];
}

/** The options of a status control: the current status first, then the allowed moves. */
export function statusOptions(current: LeadStatus): LeadStatus[] {
  return [current, ...FLOW[current]];
}

export function isTerminal(status: LeadStatus): boolean {
  return FLOW[status].length === 0;
}
