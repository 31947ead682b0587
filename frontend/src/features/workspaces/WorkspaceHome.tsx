import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate, roleLabel } from '../../lib/format';
import { RecentActivity } from '../audit/RecentActivity';
import { useTeamSummary } from './queries';
import { useWorkspace } from './workspaceContext';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function WorkspaceHome() {
  const { workspace, isOwner } = useWorkspace();
  const summary = useTeamSummary(workspace.id, isOwner);
  const base = `/w/${workspace.id}`;

  return (
    <>
      <PageHeader title={workspace.name} description={`Created ${formatDate(workspace.createdAt)}`} />
      <section aria-labelledby="overview-heading" className="stack section">
        <h2 id="overview-heading" className="h3">
          Overview
        </h2>
        <dl className="stats">
          <Stat label="Your role" value={roleLabel(workspace.role)} />
          <Stat label="Currency" value={workspace.currency} />
          {summary.isSuccess && (
            <>
              <Stat label="Members" value={`${summary.data.members}${summary.data.moreMembers ? '+' : ''}`} />
              {summary.data.pendingInvitations !== null && (
                <Stat label="Pending invitations" value={`${summary.data.pendingInvitations}${summary.data.moreInvitations ? '+' : ''}`} />
              )}
            </>
          )}
        </dl>
        {summary.isPending && <LoadingState label="Loading team summary…" />}
        {summary.isError && <ErrorState title="Could not load the team summary" error={summary.error} onRetry={() => void summary.refetch()} />}
      </section>
      <RecentActivity workspaceId={workspace.id} />
      <section aria-labelledby="links-heading" className="stack section">
        <h2 id="links-heading" className="h3">
          Quick links
        </h2>
        <ul className="quick-links">
          <li>
            <Link to={`${base}/leads`}>
              <strong>Leads</strong>
              <span className="muted">First contacts, stale and overdue follow-ups</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/contacts`}>
              <strong>Contacts</strong>
              <span className="muted">The people you work with</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/companies`}>
              <strong>Companies</strong>
              <span className="muted">Organisations, their people and deals</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/deals`}>
              <strong>Deals</strong>
              <span className="muted">The pipeline, stage by stage</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/activities`}>
              <strong>Activities</strong>
              <span className="muted">Your calls, meetings and tasks</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/team`}>
              <strong>Team</strong>
              <span className="muted">{isOwner ? 'Members, roles and suspensions' : 'Who has access to this workspace'}</span>
            </Link>
          </li>
          {isOwner && (
            <>
              <li>
                <Link to={`${base}/team?tab=invitations`}>
                  <strong>Invite people</strong>
                  <span className="muted">Send an invitation by email</span>
                </Link>
              </li>
              <li>
                <Link to={`${base}/settings`}>
                  <strong>Workspace settings</strong>
                  <span className="muted">Name and currency</span>
                </Link>
              </li>
              <li>
                <Link to={`${base}/settings/lead-sources`}>
                  <strong>Lead sources</strong>
                  <span className="muted">Custom sources for new leads</span>
                </Link>
              </li>
              <li>
                <Link to={`${base}/settings/api-tokens`}>
                  <strong>API tokens</strong>
                  <span className="muted">Keys for integrations</span>
                </Link>
              </li>
            </>
          )}
          <li>
            <Link to="/account">
              <strong>Your account</strong>
              <span className="muted">Profile, theme and password</span>
            </Link>
          </li>
        </ul>
      </section>
    </>
  );
}
