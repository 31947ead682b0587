import { Link, useSearchParams } from 'react-router';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { formatDate, roleLabel } from '../../lib/format';
import { useMe } from '../auth/queries';
import { useWorkspace } from '../workspaces/workspaceContext';
import { InvitationsSection } from './InvitationsSection';
import { MemberActions, RoleSelect } from './MemberActions';
import { useMembers } from './queries';
import { LoadMore } from '../../components/LoadMore';

type Tab = 'members' | 'invitations';

export function TeamPage() {
  const { workspace, isOwner } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const tab: Tab = isOwner && params.get('tab') === 'invitations' ? 'invitations' : 'members';
  const selectTab = (next: Tab) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next === 'members') copy.delete('tab');
        else copy.set('tab', next);
        return copy;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title="Team"
        description={isOwner ? 'Manage who can access this workspace and what they can do.' : 'People with access to this workspace.'}
      />
      {isOwner && (
        <div className="tabs" role="tablist" aria-label="Team sections">
          <button type="button" role="tab" id="tab-members" aria-selected={tab === 'members'} aria-controls="panel-team" onClick={() => selectTab('members')}>
            Members
          </button>
          <button
            type="button"
            role="tab"
            id="tab-invitations"
            aria-selected={tab === 'invitations'}
            aria-controls="panel-team"
            onClick={() => selectTab('invitations')}
          >
            Invitations
          </button>
        </div>
      )}
      <div id="panel-team" role={isOwner ? 'tabpanel' : undefined} aria-labelledby={isOwner ? `tab-${tab}` : undefined}>
        {tab === 'members' ? <MembersTable workspaceId={workspace.id} isOwner={isOwner} /> : <InvitationsSection workspaceId={workspace.id} />}
      </div>
    </>
  );
}

function MembersTable({ workspaceId, isOwner }: { workspaceId: string; isOwner: boolean }) {
  const members = useMembers(workspaceId);
  const me = useMe();
  const selfId = me.data?.user.id;

  if (members.isPending) return <LoadingState label="Loading members…" />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  const rows = members.data.pages.flatMap((page) => page.data);
  if (rows.length === 0) return <EmptyState title="No members yet" />;

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading" className="visually-hidden">
        Members
      </h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Workspace members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">Status</th>
              {isOwner && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => {
              const isSelf = member.userId === selfId;
              return (
                <tr key={member.userId}>
                  <td>
                    <Link to={`/w/${workspaceId}/team/${member.userId}`}>{member.name || member.email}</Link>
                    {isSelf && <span className="muted small"> (you)</span>}
                  </td>
                  <td>{member.email}</td>
                  <td>{isOwner && !isSelf ? <RoleSelect workspaceId={workspaceId} member={member} /> : roleLabel(member.role)}</td>
                  <td>{formatDate(member.joinedAt)}</td>
                  <td>{member.suspendedAt ? <Badge tone="danger">Suspended</Badge> : <Badge tone="success">Active</Badge>}</td>
                  {isOwner && <td>{!isSelf && <MemberActions workspaceId={workspaceId} member={member} />}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <LoadMore noun="members" hasMore={members.hasNextPage} loading={members.isFetchingNextPage} failed={members.isFetchNextPageError} onLoadMore={() => void members.fetchNextPage()} />
    </section>
  );
}
