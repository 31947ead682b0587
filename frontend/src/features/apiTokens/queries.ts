import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ApiScope } from '../../api/types';
import { workspaceKeys } from '../workspaces/workspaceContext';

export function useApiTokens(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: workspaceKeys.apiTokens(workspaceId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/api-tokens', {
          params: { path: { workspaceId }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The response carries the secret, shown once: callers keep it out of caches. */
export function createApiToken(workspaceId: string, body: { name: string; scopes: ApiScope[] }) {
  return unwrap(api.POST('/api/workspaces/{workspaceId}/api-tokens', { params: { path: { workspaceId } }, body }));
}

export function revokeApiToken(workspaceId: string, tokenId: string) {
  return unwrap(api.DELETE('/api/workspaces/{workspaceId}/api-tokens/{tokenId}', { params: { path: { workspaceId, tokenId } } }));
}
