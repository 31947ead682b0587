import type { CompanyStatus } from '../../api/types';
import { isCompanyStatus } from './meta';

/** The companies list's state, all in the URL: `?q=&industry=&status=&sort=&after=c1&after=c2`. */
export interface CompanyFilters {
  q: string;
  industry: string;
  status: CompanyStatus | '';
  sort: CompanySort;
  after: string[];
}

export const COMPANY_SORTS = ['-createdAt', 'createdAt', 'name', '-name'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];
export const DEFAULT_COMPANY_SORT: CompanySort = '-createdAt';
export const COMPANY_SORT_LABELS: Record<CompanySort, string> = {
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
  name: 'Name A–Z',
  '-name': 'Name Z–A',
};

function isSort(value: string | null): value is CompanySort {
  return COMPANY_SORTS.includes(value as CompanySort);
}

export function parseCompanyFilters(params: URLSearchParams): CompanyFilters {
  const status = params.get('status');
  const sort = params.get('sort');
  return {
    q: params.get('q')?.trim() ?? '',
    industry: params.get('industry')?.trim() ?? '',
    status: isCompanyStatus(status) ? status : '',
    sort: isSort(sort) ? sort : DEFAULT_COMPANY_SORT,
    after: params.getAll('after').filter(Boolean),
  };
}

export function companyFiltersToParams(filters: CompanyFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.industry) params.set('industry', filters.industry);
  if (filters.status) params.set('status', filters.status);
  if (filters.sort !== DEFAULT_COMPANY_SORT) params.set('sort', filters.sort);
  for (const cursor of filters.after) params.append('after', cursor);
  return params;
}

/** A change of any filter starts again from the first page. */
export function withCompanyFilter(filters: CompanyFilters, change: Partial<Omit<CompanyFilters, 'after'>>): CompanyFilters {
  return { ...filters, ...change, after: [] };
}

export function hasActiveCompanyFilters(filters: CompanyFilters): boolean {
  return Boolean(filters.q || filters.industry || filters.status);
}

export interface CompanyListQuery {
  q?: string;
  industry?: string;
  status?: CompanyStatus;
  sort?: CompanySort;
  cursor?: string;
  limit: number;
}

export function toCompanyListQuery(filters: CompanyFilters, limit: number): CompanyListQuery {
  const query: CompanyListQuery = { limit };
  if (filters.q) query.q = filters.q;
  if (filters.industry) query.industry = filters.industry;
  if (filters.status) query.status = filters.status;
  if (filters.sort !== DEFAULT_COMPANY_SORT) query.sort = filters.sort;
  const cursor = filters.after[filters.after.length - 1];
  if (cursor) query.cursor = cursor;
  return query;
}
