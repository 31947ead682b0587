import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { MemberView, Role } from '../../api/types';
import { meKey } from '../auth/me';
import { workspaceKeys } from '../workspaces/workspaceContext';

export const PAGE_SIZE = 50;

export function useMembers(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: workspaceKeys.members(workspaceId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/members', {
          params: { path: { workspaceId }, query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useInvitations(workspaceId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: workspaceKeys.invitations(workspaceId),
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/workspaces/{workspaceId}/invitations', {
          params: { path: { workspaceId }, query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Member changes refresh the member lists, the member's page and our own memberships. */
function useMemberMutation<TVars>(workspaceId: string, fn: (vars: TVars) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKeys.all(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: meKey }),
      ]);
    },
  });
}

export function useChangeRole(workspaceId: string) {
  return useMemberMutation(workspaceId, ({ member, role }: { member: MemberView; role: Role }) =>
    unwrap(
      api.PATCH('/api/workspaces/{workspaceId}/members/{userId}', {
        params: { path: { workspaceId, userId: member.userId } },
        body: { role },
      }),
    ),
  );
}

export function useSuspend(workspaceId: string) {
  return useMemberMutation(workspaceId, ({ member, reason }: { member: MemberView; reason: string }) =>
    unwrap(
      api.PUT('/api/workspaces/{workspaceId}/members/{userId}/suspension', {
        params: { path: { workspaceId, userId: member.userId } },
        body: reason.trim() ? { reason: reason.trim() } : {},
      }),
    ),
  );
}

export function useUnsuspend(workspaceId: string) {
  return useMemberMutation(workspaceId, ({ member }: { member: MemberView }) =>
    unwrap(
      api.DELETE('/api/workspaces/{workspaceId}/members/{userId}/suspension', {
        params: { path: { workspaceId, userId: member.userId } },
      }),
    ),
  );
}

export function useRemoveMember(workspaceId: string) {
  return useMemberMutation(workspaceId, ({ member }: { member: MemberView }) =>
    unwrap(
      api.DELETE('/api/workspaces/{workspaceId}/members/{userId}', {
        params: { path: { workspaceId, userId: member.userId } },
      }),
    ),
  );
}
