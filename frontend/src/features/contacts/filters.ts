/** The contacts list's state, all in the URL: `?q=&company=&owner=&tag=&sort=&after=c1&after=c2`. */
export interface ContactFilters {
  q: string;
  company: string;
  owner: string;
  tag: string;
  sort: ContactSort;
  after: string[];
}

export const CONTACT_SORTS = ['-createdAt', 'createdAt', 'name', '-name'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];
export const DEFAULT_CONTACT_SORT: ContactSort = '-createdAt';
export const CONTACT_SORT_LABELS: Record<ContactSort, string> = {
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
  name: 'Name A–Z',
  '-name': 'Name Z–A',
};

function isSort(value: string | null): value is ContactSort {
  return CONTACT_SORTS.includes(value as ContactSort);
}

export function parseContactFilters(params: URLSearchParams): ContactFilters {
  const sort = params.get('sort');
  return {
    q: params.get('q')?.trim() ?? '',
    company: params.get('company')?.trim() ?? '',
    owner: params.get('owner')?.trim() ?? '',
    tag: params.get('tag')?.trim().toLowerCase() ?? '',
    sort: isSort(sort) ? sort : DEFAULT_CONTACT_SORT,
    after: params.getAll('after').filter(Boolean),
  };
}

export function contactFiltersToParams(filters: ContactFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.company) params.set('company', filters.company);
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.sort !== DEFAULT_CONTACT_SORT) params.set('sort', filters.sort);
  for (const cursor of filters.after) params.append('after', cursor);
  return params;
}

export function withContactFilter(filters: ContactFilters, change: Partial<Omit<ContactFilters, 'after'>>): ContactFilters {
  return { ...filters, ...change, after: [] };
}

export function hasActiveContactFilters(filters: ContactFilters): boolean {
  return Boolean(filters.q || filters.company || filters.owner || filters.tag);
}

export interface ContactListQuery {
  q?: string;
  companyId?: string;
  ownerId?: string;
  tag?: string;
  sort?: ContactSort;
  cursor?: string;
  limit: number;
}

export function toContactListQuery(filters: ContactFilters, limit: number): ContactListQuery {
  const query: ContactListQuery = { limit };
  if (filters.q) query.q = filters.q;
  if (filters.company) query.companyId = filters.company;
  if (filters.owner) query.ownerId = filters.owner;
  if (filters.tag) query.tag = filters.tag;
  if (filters.sort !== DEFAULT_CONTACT_SORT) query.sort = filters.sort;
  const cursor = filters.after[filters.after.length - 1];
  if (cursor) query.cursor = cursor;
  return query;
}
