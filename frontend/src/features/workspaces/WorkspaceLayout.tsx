import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { ErrorState, FullPageMessage, LoadingState } from '../../components/states';
import { homePathFor, meKey, useMe } from '../auth/queries';
import { clearWorkspaceSuspended, markWorkspaceSuspended, useWorkspaceSuspended } from './access';
import { rememberWorkspace, WorkspaceContext } from './workspaceContext';
import { useWorkspaceDetail } from './queries';

/**
 * Loads the workspace of /w/:workspaceId and decides whether its pages may
 * render: a suspended membership or an unknown workspace replaces the whole page.
 */
export function WorkspaceLayout() {
  const { workspaceId = '' } = useParams();
  const location = useLocation();
  const me = useMe();
  const queryClient = useQueryClient();
  const suspended = useWorkspaceSuspended(workspaceId);
  const workspace = useWorkspaceDetail(workspaceId);
  const { refetch } = workspace;

  // Access is re-checked at every navigation inside the workspace, so a
  // suspension or removal shows up at the next click, not at the next reload.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    void refetch();
  }, [location.pathname, refetch]);

  useEffect(() => {
    if (workspace.isSuccess) {
      rememberWorkspace(workspaceId);
      if (workspace.isFetchedAfterMount) clearWorkspaceSuspended(workspaceId);
    }
  }, [workspace.isSuccess, workspace.isFetchedAfterMount, workspace.dataUpdatedAt, workspaceId]);

  const membership = me.data?.workspaces.find((w) => w.workspaceId === workspaceId);
  useEffect(() => {
    if (membership?.suspended) markWorkspaceSuspended(workspaceId);
  }, [membership?.suspended, workspaceId]);

  const context = useMemo(
    () => (workspace.data ? { workspace: workspace.data, isOwner: workspace.data.role === 'owner' } : null),
    [workspace.data],
  );

  const otherWorkspace = me.data?.workspaces.find((w) => w.workspaceId !== workspaceId && !w.suspended);

  if (suspended || isApiError(workspace.error, { code: 'workspace.suspended' })) {
    return (
      <FullPageMessage title="Your access to this workspace is suspended">
        <p>
          An owner of {membership?.name ?? 'this workspace'} suspended your membership. Your account and your other workspaces are not
          affected. Contact a workspace owner if you think this is a mistake.
        </p>
        <div className="row">
          {otherWorkspace && (
            <Link className="btn" to={`/w/${otherWorkspace.workspaceId}`}>
              Open {otherWorkspace.name}
            </Link>
          )}
          <button
            type="button"
            className="btn"
            onClick={() => {
              clearWorkspaceSuspended(workspaceId);
              void refetch();
              void queryClient.invalidateQueries({ queryKey: meKey });
            }}
          >
            Check again
          </button>
        </div>
      </FullPageMessage>
    );
  }
  if (workspace.isPending) return <LoadingState label="Loading workspace…" />;
  // 404: not a member (or no such workspace); 400/422: a malformed id in the URL.
  if ([400, 404, 422].some((status) => isApiError(workspace.error, { status }))) {
    return (
      <FullPageMessage title="Workspace not found">
        <p>This workspace does not exist or you are not a member of it.</p>
        <Link className="btn" to={homePathFor(me.data)}>
          Go to your workspace
        </Link>
      </FullPageMessage>
    );
  }
  if (workspace.isError || !context) return <ErrorState error={workspace.error} onRetry={() => void refetch()} />;

  return (
    <WorkspaceContext.Provider value={context}>
      <Outlet />
    </WorkspaceContext.Provider>
  );
}
