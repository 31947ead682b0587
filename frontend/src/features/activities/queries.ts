import { useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ActivityView, CreateActivityRequest } from '../../api/types';
import { auditKeys } from '../audit/queries';
import { toActivityListQuery, type ActivityFilters } from './filters';

export type EntityKind = 'lead' | 'contact' | 'company' | 'deal';

export interface EntityRef {
  kind: EntityKind;
  id: string;
}

const COLLECTIONS = { lead: 'leads', contact: 'contacts', company: 'companies', deal: 'deals' } as const;
const TIMELINE_PAGE_SIZE = 20;
export const ACTIVITIES_PAGE_SIZE = 25;

export const activityKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'activities'] as const,
  list: (workspaceId: string, filters: ActivityFilters) => ['workspaces', workspaceId, 'activities', 'list', filters] as const,
  /** Same shape as `leadKeys.timeline`: `['workspaces', id, 'leads' | 'contacts' | 'companies' | 'deals', 'timeline', entityId]`. */
  timeline: (workspaceId: string, entity: EntityRef) => ['workspaces', workspaceId, COLLECTIONS[entity.kind], 'timeline', entity.id] as const,
};

function fetchTimeline(workspaceId: string, entity: EntityRef, cursor: string | undefined) {
  const query = { limit: TIMELINE_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  switch (entity.kind) {
    case 'lead':
      return unwrap(
        api.GET('/api/workspaces/{workspaceId}/leads/{leadId}/timeline', { params: { path: { workspaceId, leadId: entity.id }, query } }),
      );
    case 'contact':
      return unwrap(
        api.GET('/api/workspaces/{workspaceId}/contacts/{contactId}/timeline', {
          params: { path: { workspaceId, contactId: entity.id }, query },
        }),
      );
    case 'company':
      return unwrap(
        api.GET('/api/workspaces/{workspaceId}/companies/{companyId}/timeline', {
          params: { path: { workspaceId, companyId: entity.id }, query },
        }),
      );
    case 'deal':
      return unwrap(
        api.GET('/api/workspaces/{workspaceId}/deals/{dealId}/timeline', { params: { path: { workspaceId, dealId: entity.id }, query } }),
      );
  }
}

/** The record's timeline (its activities and audit events), newest first, page by page. */
export function useEntityTimeline(workspaceId: string, entity: EntityRef) {
  return useInfiniteQuery({
    queryKey: activityKeys.timeline(workspaceId, entity),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }): Promise<{ data: unknown[]; nextCursor?: string | null }> => fetchTimeline(workspaceId, entity, pageParam),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useActivities(workspaceId: string, filters: ActivityFilters) {
  return useInfiniteQuery({
    queryKey: activityKeys.list(workspaceId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/activities', {
          params: {
            path: { workspaceId },
            query: { ...toActivityListQuery(filters, ACTIVITIES_PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** After any activity change: every timeline, activity list and the audit feed refetch. */
export function invalidateActivityViews(queryClient: QueryClient, workspaceId: string) {
  return Promise.all([
    queryClient.invalidateQueries({
      queryKey: ['workspaces', workspaceId],
      predicate: (q) => q.queryKey[3] === 'timeline' || q.queryKey[2] === 'activities',
    }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all(workspaceId) }),
  ]);
}

export function useCreateActivity(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateActivityRequest) =>
      unwrap(api.POST('/api/workspaces/{workspaceId}/activities', { params: { path: { workspaceId } }, body })),
    onSuccess: () => invalidateActivityViews(queryClient, workspaceId),
  });
}

/** Complete (PUT /completion) or reopen (DELETE /completion) an activity. */
export function useSetActivityCompleted(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ activity, completed }: { activity: ActivityView; completed: boolean }) => {
      const params = { params: { path: { workspaceId, activityId: activity.id } } };
      return completed
        ? unwrap(api.PUT('/api/workspaces/{workspaceId}/activities/{activityId}/completion', params))
        : unwrap(api.DELETE('/api/workspaces/{workspaceId}/activities/{activityId}/completion', params));
    },
    onSuccess: () => invalidateActivityViews(queryClient, workspaceId),
  });
}
