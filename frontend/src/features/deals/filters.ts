/**
 * The board's state in the URL (`?pipeline=&owner=&stale=true&q=`) so a view
 * can be shared and reloaded. An empty pipeline means the workspace's first.
 */
export interface BoardFilters {
  pipeline: string;
  owner: string;
  stale: boolean;
  q: string;
}

export function parseBoardFilters(params: URLSearchParams): BoardFilters {
  return {
    pipeline: params.get('pipeline')?.trim() ?? '',
    owner: params.get('owner')?.trim() ?? '',
    stale: params.get('stale') === 'true',
    q: params.get('q')?.trim() ?? '',
  };
}

export function boardFiltersToParams(filters: BoardFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.pipeline) params.set('pipeline', filters.pipeline);
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.stale) params.set('stale', 'true');
  if (filters.q) params.set('q', filters.q);
  return params;
}

export function hasActiveBoardFilters(filters: BoardFilters): boolean {
  return Boolean(filters.owner || filters.stale || filters.q);
}

export interface DealListFilterQuery {
  ownerId?: string;
  stale?: boolean;
  q?: string;
}

/** The filter part shared by `GET /pipelines/{id}/board` and a column's `GET /deals` pages. */
export function toDealFilterQuery(filters: BoardFilters): DealListFilterQuery {
  const query: DealListFilterQuery = {};
  if (filters.owner) query.ownerId = filters.owner;
  if (filters.stale) query.stale = true;
  if (filters.q) query.q = filters.q;
  return query;
}

/** The filters that select a board's deals (the pipeline is part of the key on its own). */
export function dealFilterKey(filters: BoardFilters): Omit<BoardFilters, 'pipeline'> {
  return { owner: filters.owner, stale: filters.stale, q: filters.q };
}
