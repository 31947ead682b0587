import type { LeadStatus } from '../../api/types';
import { isLeadStatus } from './status';

/**
 * The leads list's state, all of it kept in the URL (`?q=&status=&source=
 * &assignee=&stale=&sort=&after=…`) so a view can be shared and reloaded.
 * `after` is repeated: the trail of keyset cursors that led to the current
 * page (empty on the first page), so "Previous" can step back.
 */
export interface LeadFilters {
  q: string;
  status: LeadStatus | '';
  source: string;
  assignee: string;
  stale: boolean | null;
  sort: LeadSort;
  after: string[];
}

export const LEAD_SORTS = ['-createdAt', 'createdAt', '-updatedAt', 'updatedAt', 'name', '-name', 'nextActionDate', '-nextActionDate'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];
export const DEFAULT_SORT: LeadSort = '-createdAt';

export const SORT_LABELS: Record<LeadSort, string> = {
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
  '-updatedAt': 'Recently updated',
  updatedAt: 'Least recently updated',
  name: 'Name A–Z',
  '-name': 'Name Z–A',
  nextActionDate: 'Next action: soonest',
  '-nextActionDate': 'Next action: latest',
};

function isSort(value: string | null): value is LeadSort {
  return LEAD_SORTS.includes(value as LeadSort);
}

/** Reads the filters from the URL; unknown or malformed values fall back to "no filter". */
export function parseLeadFilters(params: URLSearchParams): LeadFilters {
  const status = params.get('status');
  const stale = params.get('stale');
  const sort = params.get('sort');
  return {
    q: params.get('q')?.trim() ?? '',
    status: isLeadStatus(status) ? status : '',
    source: params.get('source')?.trim() ?? '',
    assignee: params.get('assignee')?.trim() ?? '',
    stale: stale === 'true' ? true : stale === 'false' ? false : null,
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    after: params.getAll('after').filter(Boolean),
  };
}

/** The URL for `filters`: defaults are left out so a plain list has a plain URL. */
export function leadFiltersToParams(filters: LeadFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.status) params.set('status', filters.status);
  if (filters.source) params.set('source', filters.source);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.stale !== null) params.set('stale', String(filters.stale));
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  for (const cursor of filters.after) params.append('after', cursor);
  return params;
}

/** A change of any filter starts again from the first page. */
export function withFilter(filters: LeadFilters, change: Partial<Omit<LeadFilters, 'after'>>): LeadFilters {
  return { ...filters, ...change, after: [] };
}

export function hasActiveFilters(filters: LeadFilters): boolean {
  return Boolean(filters.q || filters.status || filters.source || filters.assignee || filters.stale !== null);
}

export interface LeadListQuery {
  q?: string;
  status?: LeadStatus;
  source?: string;
  assigneeId?: string;
  stale?: boolean;
  sort?: LeadSort;
  cursor?: string;
  limit: number;
}

/** The `GET /leads` query for `filters` (only what is set). */
export function toLeadListQuery(filters: LeadFilters, limit: number): LeadListQuery {
  const query: LeadListQuery = { limit };
  if (filters.q) query.q = filters.q;
  if (filters.status) query.status = filters.status;
  if (filters.source) query.source = filters.source;
  if (filters.assignee) query.assigneeId = filters.assignee;
  if (filters.stale !== null) query.stale = filters.stale;
  if (filters.sort !== DEFAULT_SORT) query.sort = filters.sort;
  const cursor = filters.after[filters.after.length - 1];
  if (cursor) query.cursor = cursor;
  return query;
}
