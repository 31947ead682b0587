import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { UpdateNotificationPreferencesRequest } from '../../api/types';

/** How many notifications the bell's popover shows. */
export const BELL_PAGE_SIZE = 10;

/**
 * Polling of the bell (see docs/decisions.md): every 15 s while the tab is
 * visible, doubling after each failed poll up to 2 minutes, back to 15 s on
 * the first success. TanStack Query pauses interval refetches while the
 * tab is hidden and refetches when it becomes visible again.
 */
export const POLL_BASE_MS = 15_000;
export const POLL_MAX_MS = 120_000;

export function pollInterval(consecutiveFailures: number): number {
  return Math.min(POLL_BASE_MS * 2 ** consecutiveFailures, POLL_MAX_MS);
}

export const notificationKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'notifications'] as const,
  unreadCount: (workspaceId: string) => ['workspaces', workspaceId, 'notifications', 'unread-count'] as const,
  latest: (workspaceId: string) => ['workspaces', workspaceId, 'notifications', 'latest'] as const,
  preferences: (workspaceId: string) => ['workspaces', workspaceId, 'settings', 'notifications'] as const,
};

/** The badge's count: polled, independent of the page being shown. */
export function useUnreadCount(workspaceId: string) {
  return useQuery({
    queryKey: notificationKeys.unreadCount(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/workspaces/{workspaceId}/notifications/unread-count', { params: { path: { workspaceId } } })),
    // Each failed poll counts once towards the backoff.
    retry: false,
    refetchInterval: (query) => pollInterval(query.state.fetchFailureCount),
    refetchIntervalInBackground: false,
  });
}

/** The popover's list; fetched when it opens and whenever the count changes. */
export function useLatestNotifications(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.latest(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/notifications', {
          params: { path: { workspaceId }, query: { limit: BELL_PAGE_SIZE } },
        }),
      ),
    enabled,
  });
}

export function useMarkRead(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      unwrap(
        api.POST('/api/workspaces/{workspaceId}/notifications/{notificationId}/read', {
          params: { path: { workspaceId, notificationId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all(workspaceId) }),
  });
}

export function useMarkAllRead(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/workspaces/{workspaceId}/notifications/read-all', { params: { path: { workspaceId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all(workspaceId) }),
  });
}

export function usePreferences(workspaceId: string) {
  return useQuery({
    queryKey: notificationKeys.preferences(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/workspaces/{workspaceId}/settings/notifications', { params: { path: { workspaceId } } })),
  });
}

export function useSavePreferences(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesRequest) =>
      unwrap(
        api.PUT('/api/workspaces/{workspaceId}/settings/notifications', { params: { path: { workspaceId } }, body }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences(workspaceId), saved),
  });
}
