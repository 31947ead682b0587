import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ContactView, CreateContactRequest, UpdateContactRequest } from '../../api/types';
import { auditKeys } from '../audit/queries';
import { toContactListQuery, type ContactFilters } from './filters';

export const CONTACTS_PAGE_SIZE = 25;

export const contactKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'contacts'] as const,
  list: (workspaceId: string, filters: ContactFilters) => ['workspaces', workspaceId, 'contacts', 'list', filters] as const,
  detail: (workspaceId: string, contactId: string) => ['workspaces', workspaceId, 'contacts', 'detail', contactId] as const,
  search: (workspaceId: string, q: string) => ['workspaces', workspaceId, 'contacts', 'search', q] as const,
};

export const PICKER_RESULTS_LIMIT = 20;

/** Contacts for a picker: the server's matches for `q` (A–Z), a short page. */
export function useContactSearch(workspaceId: string, q: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: contactKeys.search(workspaceId, q),
    queryFn: async (): Promise<ContactView[]> =>
      (
        await unwrap(
          api.GET('/api/workspaces/{workspaceId}/contacts', {
            params: { path: { workspaceId }, query: { sort: 'name', limit: PICKER_RESULTS_LIMIT, ...(q ? { q } : {}) } },
          }),
        )
      ).data,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useContacts(workspaceId: string, filters: ContactFilters) {
  return useQuery({
    queryKey: contactKeys.list(workspaceId, filters),
    queryFn: () =>
      unwrap(api.GET('/api/workspaces/{workspaceId}/contacts', { params: { path: { workspaceId }, query: toContactListQuery(filters, CONTACTS_PAGE_SIZE) } })),
    placeholderData: keepPreviousData,
  });
}

export function useContact(workspaceId: string, contactId: string) {
  return useQuery({
    queryKey: contactKeys.detail(workspaceId, contactId),
    enabled: contactId !== '',
    queryFn: () => unwrap(api.GET('/api/workspaces/{workspaceId}/contacts/{contactId}', { params: { path: { workspaceId, contactId } } })),
  });
}

function useContactChanged(workspaceId: string) {
  const queryClient = useQueryClient();
  return async (contact: ContactView) => {
    queryClient.setQueryData(contactKeys.detail(workspaceId, contact.id), contact);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: contactKeys.all(workspaceId), predicate: (q) => q.queryKey[3] !== 'detail' }),
      // Key contacts and contact counts live on companies.
      queryClient.invalidateQueries({ queryKey: ['workspaces', workspaceId, 'companies'] }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
    ]);
  };
}

export function useCreateContact(workspaceId: string) {
  const changed = useContactChanged(workspaceId);
  return useMutation({
    mutationFn: (body: CreateContactRequest) => unwrap(api.POST('/api/workspaces/{workspaceId}/contacts', { params: { path: { workspaceId } }, body })),
    onSuccess: changed,
  });
}

export function useUpdateContact(workspaceId: string, contactId: string) {
  const changed = useContactChanged(workspaceId);
  return useMutation({
    mutationFn: (body: UpdateContactRequest) =>
      unwrap(api.PATCH('/api/workspaces/{workspaceId}/contacts/{contactId}', { params: { path: { workspaceId, contactId } }, body })),
    onSuccess: changed,
  });
}
