import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/states';
import { useMemberSummary } from './queries';

/** What the member is working on: open/overdue activities, active leads and open deals. */
export function MemberSummary({ workspaceId, userId }: { workspaceId: string; userId: string }) {
  const summary = useMemberSummary(workspaceId, userId);
  if (summary.isPending) return <LoadingState label="Loading CRM summary…" />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  return (
    <section className="card" aria-label="CRM summary">
      <h2>CRM summary</h2>
      <dl className="details">
        <div>
          <dt>Open activities</dt>
          <dd>{s.openActivities}</dd>
        </div>
        <div>
          <dt>Overdue activities</dt>
          <dd className={s.overdueActivities > 0 ? 'text-danger' : undefined}>{s.overdueActivities}</dd>
        </div>
        <div>
          <dt>Active leads</dt>
          <dd>
            <Link to={`/w/${workspaceId}/leads?assignee=${userId}`}>{s.activeLeads}</Link>
          </dd>
        </div>
        <div>
          <dt>Open deals</dt>
          <dd>
            <Link to={`/w/${workspaceId}/deals?owner=${userId}`}>{s.openDeals}</Link>
          </dd>
        </div>
      </dl>
    </section>
  );
}
