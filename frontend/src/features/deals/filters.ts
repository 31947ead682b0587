/**
 * The board's state in the URL
 * (`?pipeline=&owner=&companyId=&contactId=&status=open&stale=true&q=`) so a
 * view can be shared and reloaded. An empty pipeline means the workspace's
 * first; `status=open` hides the won and lost columns.
 */
export interface BoardFilters {
  pipeline: string;
  owner: string;
  company: string;
  contact: string;
  openOnly: boolean;
  stale: boolean;
  q: string;
}

export function parseBoardFilters(params: URLSearchParams): BoardFilters {
  return {
    pipeline: params.get('pipeline')?.trim() ?? '',
    owner: params.get('owner')?.trim() ?? '',
    company: params.get('companyId')?.trim() ?? '',
    contact: params.get('contactId')?.trim() ?? '',
    openOnly: params.get('status') === 'open',
    stale: params.get('stale') === 'true',
    q: params.get('q')?.trim() ?? '',
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
  return params;
}

export function hasActiveBoardFilters(filters: BoardFilters): boolean {
  return Boolean(filters.owner || filters.company || filters.contact || filters.openOnly || filters.stale || filters.q);
}

/** The same board with every filter but the pipeline cleared. */
export function clearedBoardFilters(filters: BoardFilters): BoardFilters {
  return { pipeline: filters.pipeline, owner: '', company: '', contact: '', openOnly: false, stale: false, q: '' };
}

export interface DealListFilterQuery {
  ownerId?: string;
  companyId?: string;
  contactId?: string;
  stale?: boolean;
  q?: string;
}

/** The filter part shared by `GET /pipelines/{id}/board` and a column's `GET /deals` pages. */
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
  return { owner: filters.owner, company: filters.company, contact: filters.contact, stale: filters.stale, q: filters.q };
}
