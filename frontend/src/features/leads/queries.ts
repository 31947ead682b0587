import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { CreateLeadRequest, LeadView, MemberView, UpdateLeadRequest } from '../../api/types';
import { auditKeys } from '../audit/queries';
import { workspaceKeys } from '../workspaces/workspaceContext';
import { toLeadListQuery, type LeadFilters } from './filters';

export const LEADS_PAGE_SIZE = 25;

export const leadKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'leads'] as const,
  list: (workspaceId: string, filters: LeadFilters) => ['workspaces', workspaceId, 'leads', 'list', filters] as const,
  detail: (workspaceId: string, leadId: string) => ['workspaces', workspaceId, 'leads', 'detail', leadId] as const,
  timeline: (workspaceId: string, leadId: string) => ['workspaces', workspaceId, 'leads', 'timeline', leadId] as const,
  sources: (workspaceId: string) => ['workspaces', workspaceId, 'lead-sources'] as const,
};

/** One keyset page of leads; the cursor trail is part of the filters (and of the URL). */
export function useLeads(workspaceId: string, filters: LeadFilters) {
  return useQuery({
    queryKey: leadKeys.list(workspaceId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/leads', {
          params: { path: { workspaceId }, query: toLeadListQuery(filters, LEADS_PAGE_SIZE) },
        }),
      ),
    // Keep the rows on screen while the next page or filter loads.
    placeholderData: keepPreviousData,
  });
}

export function useLead(workspaceId: string, leadId: string) {
  return useQuery({
    queryKey: leadKeys.detail(workspaceId, leadId),
    queryFn: () =>
      unwrap(api.GET('/api/workspaces/{workspaceId}/leads/{leadId}', { params: { path: { workspaceId, leadId } } })),
  });
}

export function useLeadSources(workspaceId: string) {
  return useQuery({
    queryKey: leadKeys.sources(workspaceId),
    queryFn: async () =>
      (await unwrap(api.GET('/api/workspaces/{workspaceId}/lead-sources', { params: { path: { workspaceId } } }))).data,
    staleTime: 60_000,
  });
}

const MEMBER_OPTIONS_LIMIT = 200;

/** Members for assignee pickers and names: one page of up to 200 is plenty for a select. */
export function useMemberOptions(workspaceId: string) {
  return useQuery({
    queryKey: [...workspaceKeys.members(workspaceId), 'options'],
    queryFn: async (): Promise<MemberView[]> =>
      (
        await unwrap(
          api.GET('/api/workspaces/{workspaceId}/members', {
            params: { path: { workspaceId }, query: { limit: MEMBER_OPTIONS_LIMIT } },
          }),
        )
      ).data,
    staleTime: 60_000,
  });
}

export function memberName(members: readonly MemberView[] | undefined, userId: string | null | undefined): string | undefined {
  if (!userId) return undefined;
  const member = members?.find((m) => m.userId === userId);
  return member ? member.name || member.email : undefined;
}

/** After a lead changes: the detail gets the new view, lists, timelines and the activity feed refetch. */
function useLeadChanged(workspaceId: string) {
  const queryClient = useQueryClient();
  return async (lead: LeadView) => {
    queryClient.setQueryData(leadKeys.detail(workspaceId, lead.id), lead);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: leadKeys.all(workspaceId), predicate: (q) => q.queryKey[3] !== 'detail' }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
    ]);
  };
}

export function useCreateLead(workspaceId: string) {
  const changed = useLeadChanged(workspaceId);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateLeadRequest; idempotencyKey?: string }) =>
      unwrap(
        api.POST('/api/workspaces/{workspaceId}/leads', {
          params: { path: { workspaceId }, ...(idempotencyKey ? { header: { 'Idempotency-Key': idempotencyKey } } : {}) },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

export function useUpdateLead(workspaceId: string, leadId: string) {
  const changed = useLeadChanged(workspaceId);
  return useMutation({
    mutationFn: (body: UpdateLeadRequest) =>
      unwrap(api.PATCH('/api/workspaces/{workspaceId}/leads/{leadId}', { params: { path: { workspaceId, leadId } }, body })),
    onSuccess: changed,
  });
}

function useSourcesMutation<TVars>(workspaceId: string, fn: (vars: TVars) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: leadKeys.sources(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
      ]);
    },
  });
}

export function useCreateLeadSource(workspaceId: string) {
  return useSourcesMutation(workspaceId, (body: { slug: string; label: string }) =>
    unwrap(api.POST('/api/workspaces/{workspaceId}/lead-sources', { params: { path: { workspaceId } }, body })),
  );
}

export function useSetLeadSourceArchived(workspaceId: string) {
  return useSourcesMutation(workspaceId, ({ slug, archived }: { slug: string; archived: boolean }) =>
    archived
      ? unwrap(api.PUT('/api/workspaces/{workspaceId}/lead-sources/{slug}/archived', { params: { path: { workspaceId, slug } } }))
      : unwrap(api.DELETE('/api/workspaces/{workspaceId}/lead-sources/{slug}/archived', { params: { path: { workspaceId, slug } } })),
  );
}
