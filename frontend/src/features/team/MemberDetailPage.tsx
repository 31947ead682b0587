import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, FullPageMessage, LoadingState } from '../../components/states';
import { formatDateTime, roleLabel } from '../../lib/format';
import { useMe } from '../auth/queries';
import { useWorkspace } from '../workspaces/workspaceContext';
import { MemberActions, RoleSelect } from './MemberActions';
import { MemberSummary } from './MemberSummary';
import { useMember } from './queries';

export function MemberDetailPage() {
  const { userId = '' } = useParams();
  const { workspace, isOwner } = useWorkspace();
  const me = useMe();
  const navigate = useNavigate();
  const member = useMember(workspace.id, userId);
  const back = (
    <Link to={`/w/${workspace.id}/team`} className="back-link">
      ← Back to team
    </Link>
  );

  if (member.isPending) return <LoadingState label="Loading member…" />;
  if (isApiError(member.error, { status: 404 })) {
    return (
      <FullPageMessage title="Member not found">
        <p>This person is not a member of {workspace.name}.</p>
        {back}
      </FullPageMessage>
    );
  }
  if (member.isError) return <ErrorState error={member.error} onRetry={() => void member.refetch()} />;

  const m = member.data;
  const isSelf = m.userId === me.data?.user.id;
  const canManage = isOwner && !isSelf;
  return (
    <>
      {back}
      <PageHeader title={m.name || m.email} description={m.email} />
      <div className="card">
        <dl className="details">
          <div>
            <dt>Role</dt>
            <dd>{canManage ? <RoleSelect workspaceId={workspace.id} member={m} /> : roleLabel(m.role)}</dd>
          </div>
          <div>
            <dt>Joined</dt>
            <dd>{formatDateTime(m.joinedAt)}</dd>
          </div>
          <div>
            <dt>Access</dt>
            <dd>
              {m.suspendedAt ? (
                <>
                  <Badge tone="danger">Suspended</Badge> <span className="muted small">since {formatDateTime(m.suspendedAt)}</span>
                </>
              ) : (
                <Badge tone="success">Active</Badge>
              )}
            </dd>
          </div>
          {m.suspendedAt && (
            <div>
              <dt>Suspension reason</dt>
              <dd>{m.suspensionReason || <span className="muted">No reason given</span>}</dd>
            </div>
          )}
        </dl>
        {canManage && (
          <div className="card-footer">
            <MemberActions workspaceId={workspace.id} member={m} onRemoved={() => navigate(`/w/${workspace.id}/team`, { replace: true })} />
          </div>
        )}
        {isSelf && <p className="muted small">This is you.</p>}
      </div>
      <MemberSummary workspaceId={workspace.id} userId={m.userId} />
    </>
  );
}
