import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { CompanyView, CreateCompanyRequest, UpdateCompanyRequest } from '../../api/types';
import { auditKeys } from '../audit/queries';
import { toCompanyListQuery, type CompanyFilters } from './filters';

export const COMPANIES_PAGE_SIZE = 25;
const KEY_CONTACTS_LIMIT = 10;
const PICKER_RESULTS_LIMIT = 20;

export const companyKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'companies'] as const,
  list: (workspaceId: string, filters: CompanyFilters) => ['workspaces', workspaceId, 'companies', 'list', filters] as const,
  search: (workspaceId: string, q: string) => ['workspaces', workspaceId, 'companies', 'search', q] as const,
  detail: (workspaceId: string, companyId: string) => ['workspaces', workspaceId, 'companies', 'detail', companyId] as const,
  contacts: (workspaceId: string, companyId: string) => ['workspaces', workspaceId, 'companies', 'contacts', companyId] as const,
  duplicates: (workspaceId: string, name: string, domain: string) => ['workspaces', workspaceId, 'companies', 'duplicates', name, domain] as const,
};

export function useCompanies(workspaceId: string, filters: CompanyFilters) {
  return useQuery({
    queryKey: companyKeys.list(workspaceId, filters),
    queryFn: () =>
      unwrap(api.GET('/api/workspaces/{workspaceId}/companies', { params: { path: { workspaceId }, query: toCompanyListQuery(filters, COMPANIES_PAGE_SIZE) } })),
    placeholderData: keepPreviousData,
  });
}

/** Companies for a picker or filter: the server's matches for `q` (A–Z), a short page. */
export function useCompanySearch(workspaceId: string, q: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: companyKeys.search(workspaceId, q),
    queryFn: async (): Promise<CompanyView[]> =>
      (
        await unwrap(
          api.GET('/api/workspaces/{workspaceId}/companies', {
            params: { path: { workspaceId }, query: { sort: 'name', limit: PICKER_RESULTS_LIMIT, ...(q ? { q } : {}) } },
          }),
        )
      ).data,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useCompany(workspaceId: string, companyId: string) {
  return useQuery({
    queryKey: companyKeys.detail(workspaceId, companyId),
    enabled: companyId !== '',
    queryFn: () => unwrap(api.GET('/api/workspaces/{workspaceId}/companies/{companyId}', { params: { path: { workspaceId, companyId } } })),
  });
}

export function useCompanyContacts(workspaceId: string, companyId: string) {
  return useQuery({
    queryKey: companyKeys.contacts(workspaceId, companyId),
    queryFn: () =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/companies/{companyId}/contacts', {
          params: { path: { workspaceId, companyId }, query: { limit: KEY_CONTACTS_LIMIT } },
        }),
      ),
  });
}

export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export const DUPLICATE_CHECK_DELAY_MS = 400;

/** Live duplicate check for the company form (debounced; needs 2+ characters of name or a domain). */
export function useCompanyDuplicates(workspaceId: string, name: string, domain: string) {
  const debounced = useDebounced({ name: name.trim(), domain: domain.trim() }, DUPLICATE_CHECK_DELAY_MS);
  const enabled = debounced.name.length >= 2 || debounced.domain.length >= 3;
  const query = useQuery({
    queryKey: companyKeys.duplicates(workspaceId, debounced.name, debounced.domain),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/workspaces/{workspaceId}/company-duplicates', {
            params: {
              path: { workspaceId },
              query: { ...(debounced.name ? { name: debounced.name } : {}), ...(debounced.domain ? { domain: debounced.domain } : {}) },
            },
          }),
        )
      ).data,
    enabled,
    staleTime: 10_000,
    // No flicker between keystrokes…
    placeholderData: keepPreviousData,
  });
  // …but nothing once the fields are too short to check.
  return enabled ? (query.data ?? []) : [];
}

function useCompanyChanged(workspaceId: string) {
  const queryClient = useQueryClient();
  return async (company: CompanyView) => {
    queryClient.setQueryData(companyKeys.detail(workspaceId, company.id), company);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: companyKeys.all(workspaceId), predicate: (q) => q.queryKey[3] !== 'detail' }),
      // Contacts show their company's name.
      queryClient.invalidateQueries({ queryKey: ['workspaces', workspaceId, 'contacts'] }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
    ]);
  };
}

export function useCreateCompany(workspaceId: string) {
  const changed = useCompanyChanged(workspaceId);
  return useMutation({
    mutationFn: (body: CreateCompanyRequest) => unwrap(api.POST('/api/workspaces/{workspaceId}/companies', { params: { path: { workspaceId } }, body })),
    onSuccess: changed,
  });
}

export function useUpdateCompany(workspaceId: string, companyId: string) {
  const changed = useCompanyChanged(workspaceId);
  return useMutation({
    mutationFn: (body: UpdateCompanyRequest) =>
      unwrap(api.PATCH('/api/workspaces/{workspaceId}/companies/{companyId}', { params: { path: { workspaceId, companyId } }, body })),
    onSuccess: changed,
  });
}
