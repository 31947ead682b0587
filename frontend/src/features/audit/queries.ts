import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const auditKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'audit-events'] as const,
  feed: (workspaceId: string, limit: number) => ['workspaces', workspaceId, 'audit-events', limit] as const,
};

/** The workspace's audit feed, newest first. */
export function useAuditEvents(workspaceId: string, limit: number) {
  return useInfiniteQuery({
    queryKey: auditKeys.feed(workspaceId, limit),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/audit-events', {
          params: { path: { workspaceId }, query: { limit, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
