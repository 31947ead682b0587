import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { MemberView, Role } from '../../api/types';
import { meKey } from '../auth/queries';
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

export const MEMBER_PICKER_LIMIT = 20;

/** Members for a picker: the server's matches for `q` (name or email). */
export function useMemberSearch(workspaceId: string, q: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...workspaceKeys.members(workspaceId), 'search', q],
    queryFn: async (): Promise<MemberView[]> =>
      (
        await unwrap(
          api.GET('/api/workspaces/{workspaceId}/members', {
            params: { path: { workspaceId }, query: { limit: MEMBER_PICKER_LIMIT, ...(q ? { q } : {}) } },
          }),
        )
      ).data,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useMember(workspaceId: string, userId: string) {
  return useQuery({
    queryKey: workspaceKeys.member(workspaceId, userId),
    enabled: userId !== '',
    queryFn: () => unwrap(api.GET('/api/workspaces/{workspaceId}/members/{userId}', { params: { path: { workspaceId, userId } } })),
  });
}

/**
 * A member's display name for an id: from `known` (a page of members already
 * loaded) when it is there, else fetched by id (cached per member), so members
 * beyond the first page show their name too. `missing`: the id is no member of
 * the workspace any more (404).
 */
export function useMemberName(workspaceId: string, userId: string | null | undefined, known?: readonly MemberView[]) {
  const id = userId ?? '';
  const fromPage = id ? known?.find((m) => m.userId === id) : undefined;
  const fetched = useQuery({
    queryKey: workspaceKeys.member(workspaceId, id),
    enabled: id !== '' && !fromPage,
    queryFn: () => unwrap(api.GET('/api/workspaces/{workspaceId}/members/{userId}', { params: { path: { workspaceId, userId: id } } })),
    staleTime: 60_000,
  });
  const member = fromPage ?? fetched.data;
  return {
    name: member ? member.name || member.email : undefined,
    missing: !member && fetched.isError,
    loading: !member && !fetched.isError && id !== '',
  };
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

/**
 * Member changes refresh the member lists, the member's page and our own
 * memberships. `awaitRefresh: false` lets the caller act first (a removal
 * navigates away before the removed member's page refetches into a 404 and
 * unmounts the caller, which would drop its callbacks).
 */
function useMemberMutation<TVars>(workspaceId: string, fn: (vars: TVars) => Promise<unknown>, awaitRefresh = true) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      const refresh = Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKeys.all(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: meKey }),
      ]);
      if (awaitRefresh) await refresh;
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
  return useMemberMutation(
    workspaceId,
    ({ member }: { member: MemberView }) =>
      unwrap(
        api.DELETE('/api/workspaces/{workspaceId}/members/{userId}', {
          params: { path: { workspaceId, userId: member.userId } },
        }),
      ),
    false,
  );
}

export function useMemberSummary(workspaceId: string, userId: string) {
  return useQuery({
    queryKey: [...workspaceKeys.member(workspaceId, userId), 'summary'],
    queryFn: () => unwrap(api.GET('/api/workspaces/{workspaceId}/members/{userId}/summary', { params: { path: { workspaceId, userId } } })),
  });
}

export function inviteMember(workspaceId: string, body: { email: string; role: Role }) {
  return unwrap(api.POST('/api/workspaces/{workspaceId}/invitations', { params: { path: { workspaceId } }, body }));
}

export function revokeInvitation(workspaceId: string, invitationId: string) {
  return unwrap(api.DELETE('/api/workspaces/{workspaceId}/invitations/{invitationId}', { params: { path: { workspaceId, invitationId } } }));
}
