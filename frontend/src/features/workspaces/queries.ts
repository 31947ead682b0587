import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { UpdateWorkspaceRequest } from '../../api/types';
import { workspaceKeys } from './workspaceContext';

export function useWorkspaceDetail(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.detail(workspaceId),
    queryFn: () => unwrap(api.GET('/api/workspaces/{workspaceId}', { params: { path: { workspaceId } } })),
  });
}

export function createWorkspace(body: { name: string }) {
  return unwrap(api.POST('/api/workspaces', { body }));
}

export function updateWorkspace(workspaceId: string, body: UpdateWorkspaceRequest) {
  return unwrap(api.PATCH('/api/workspaces/{workspaceId}', { params: { path: { workspaceId } }, body }));
}

const COUNT_LIMIT = 200;

/** Counts from one page of up to 200 rows; beyond that the home says "200+" rather than page through everything. */
export function useTeamSummary(workspaceId: string, isOwner: boolean) {
  return useQuery({
    queryKey: [...workspaceKeys.summary(workspaceId), isOwner],
    queryFn: async () => {
      const members = await unwrap(
        api.GET('/api/workspaces/{workspaceId}/members', { params: { path: { workspaceId }, query: { limit: COUNT_LIMIT } } }),
      );
      const invitations = isOwner
        ? await unwrap(
            api.GET('/api/workspaces/{workspaceId}/invitations', { params: { path: { workspaceId }, query: { limit: COUNT_LIMIT } } }),
          )
        : null;
      return {
        members: members.data.length,
        moreMembers: Boolean(members.nextCursor),
        pendingInvitations: invitations?.data.filter((i) => i.status === 'pending').length ?? null,
        moreInvitations: Boolean(invitations?.nextCursor),
      };
    },
  });
}
