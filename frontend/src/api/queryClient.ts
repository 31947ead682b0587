import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, workspaceIdFromUrl } from './problem';
import { markWorkspaceSuspended } from '../features/workspaces/access';

/** Workspace-scoped query keys start with ['workspaces', workspaceId, ...]. */
function workspaceIdFromKey(key: readonly unknown[]): string | undefined {
  return key[0] === 'workspaces' && typeof key[1] === 'string' ? key[1] : undefined;
}

function noteSuspension(error: unknown, key?: readonly unknown[]) {
  if (!isApiError(error, { status: 403, code: 'workspace.suspended' })) return;
  const workspaceId = workspaceIdFromUrl(error.url) ?? (key ? workspaceIdFromKey(key) : undefined);
  if (workspaceId) markWorkspaceSuspended(workspaceId);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => noteSuspension(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => noteSuspension(error) }),
    defaultOptions: {
      queries: {
        // Team data changes under our feet (others invite, join, suspend): refetch on every mount.
        staleTime: 0,
        // A 4xx will not change by asking again; only retry network/5xx once.
        retry: (failureCount, error) => !(isApiError(error) && error.status < 500) && failureCount < 1,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
