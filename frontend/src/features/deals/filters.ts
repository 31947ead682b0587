import { formatDay } from '../../lib/format';

/**
 * The board's state in the URL
 * (`?pipeline=&owner=&companyId=&contactId=&status=open&stale=true&q=&closedSince=`)
 * so a view can be shared and reloaded. An empty pipeline means the workspace's
 * first; `status=open` hides the won and lost columns; an empty `closedSince`
 * is the server's default period for the won and lost columns (this quarter).
 */
export interface BoardFilters {
  pipeline: string;
  owner: string;
  company: string;
  contact: string;
  openOnly: boolean;
  stale: boolean;
  q: string;
  /** `YYYY-MM-DD`: the won and lost columns hold deals closed on or after it; '' = this quarter (the server's default). */
  closedSince: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseBoardFilters(params: URLSearchParams): BoardFilters {
  const closedSince = params.get('closedSince')?.trim() ?? '';
  return {
    pipeline: params.get('pipeline')?.trim() ?? '',
    owner: params.get('owner')?.trim() ?? '',
    company: params.get('companyId')?.trim() ?? '',
    contact: params.get('contactId')?.trim() ?? '',
    openOnly: params.get('status') === 'open',
    stale: params.get('stale') === 'true',
    q: params.get('q')?.trim() ?? '',
    closedSince: ISO_DATE.test(closedSince) ? closedSince : '',
  };
}

export function boardFiltersToParams(filters: BoardFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.pipeline) params.set('pipeline', filters.pipeline);
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.company) params.set('companyId', filters.company);
  if (filters.contact) params.set('contactId', filters.contact);
  if (filters.openOnly) params.set('status', 'open');
  if (filters.stale) params.set('stale', 'true');
  if (filters.q) params.set('q', filters.q);
  if (filters.closedSince) params.set('closedSince', filters.closedSince);
  return params;
}

export function hasActiveBoardFilters(filters: BoardFilters): boolean {
  return Boolean(filters.owner || filters.company || filters.contact || filters.openOnly || filters.stale || filters.q || filters.closedSince);
}

/** The same board with every filter but the pipeline cleared. */
export function clearedBoardFilters(filters: BoardFilters): BoardFilters {
  return { pipeline: filters.pipeline, owner: '', company: '', contact: '', openOnly: false, stale: false, q: '', closedSince: '' };
}

export interface DealListFilterQuery {
  ownerId?: string;
  companyId?: string;
  contactId?: string;
  stale?: boolean;
  q?: string;
}

/**
 * The filter part shared by `GET /pipelines/{id}/board` and a column's `GET /deals` pages.
 * Not `closedSince`: it keeps only closed deals, so only the board query and the
 * won and lost columns' pages take it (see `useBoard`, `useLoadMoreColumn`).
 */
export function toDealFilterQuery(filters: BoardFilters): DealListFilterQuery {
  const query: DealListFilterQuery = {};
  if (filters.owner) query.ownerId = filters.owner;
  if (filters.company) query.companyId = filters.company;
  if (filters.contact) query.contactId = filters.contact;
  if (filters.stale) query.stale = true;
  if (filters.q) query.q = filters.q;
  return query;
}

/** The filters that select a board's deals (the pipeline is part of the key on its own; `openOnly` only hides columns). */
export function dealFilterKey(filters: BoardFilters): Omit<BoardFilters, 'pipeline' | 'openOnly'> {
  return { owner: filters.owner, company: filters.company, contact: filters.contact, stale: filters.stale, q: filters.q, closedSince: filters.closedSince };
}

// The period of the won and lost columns ---------------------------------------

/** `closedSince` for "All time". */
export const ALL_TIME = '1970-01-01';

export type ClosedPeriod = 'quarter' | 'last-quarter' | 'year' | 'all';

export const CLOSED_PERIODS: { value: ClosedPeriod; label: string }[] = [
  { value: 'quarter', label: 'This quarter' },
  { value: 'last-quarter', label: 'Last quarter' },
  { value: 'year', label: 'This year' },
  { value: 'all', label: 'All time' },
];

const iso = (year: number, month: number) => `${year}-${String(month + 1).padStart(2, '0')}-01`;

/** The `closedSince` of a period, in UTC like the server's default ('' for this quarter: the default itself). */
export function closedSinceFor(period: ClosedPeriod, now: Date = new Date()): string {
  const year = now.getUTCFullYear();
  const quarterStart = Math.floor(now.getUTCMonth() / 3) * 3;
  switch (period) {
    case 'quarter':
      return '';
    case 'last-quarter':
      return quarterStart === 0 ? iso(year - 1, 9) : iso(year, quarterStart - 3);
    case 'year':
      return iso(year, 0);
    case 'all':
      return ALL_TIME;
  }
}

/** Which period a `closedSince` is, or `custom` for any other date (a link shared last quarter, typed by hand). */
export function closedPeriodOf(closedSince: string, now: Date = new Date()): ClosedPeriod | 'custom' {
  if (!closedSince) return 'quarter';
  if (closedSince === ALL_TIME) return 'all';
  const match = CLOSED_PERIODS.find((p) => p.value !== 'quarter' && closedSinceFor(p.value, now) === closedSince);
  if (match) return match.value;
  return closedSince === iso(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3) ? 'quarter' : 'custom';
}

/** "Closed since 1 Oct 2026", or "Closed, all time" for the epoch. */
export function closedPeriodLabel(closedSince: string): string {
  return closedSince <= ALL_TIME ? 'Closed, all time' : `Closed since ${formatDay(closedSince)}`;
}
