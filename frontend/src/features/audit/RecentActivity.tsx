import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useMemberOptions } from '../leads/queries';
import { AuditEventList } from './AuditEventList';
import { useAuditEvents } from './queries';

const RECENT = 5;

/** The workspace home's "recent activity": the five newest audit events. */
export function RecentActivity({ workspaceId }: { workspaceId: string }) {
  const events = useAuditEvents(workspaceId, RECENT);
  const members = useMemberOptions(workspaceId);

  let body;
  if (events.isPending) body = <LoadingState label="Loading recent activity…" />;
  else if (events.isError)
    body = <ErrorState title="Could not load recent activity" error={events.error} onRetry={() => void events.refetch()} />;
  else {
    const rows = events.data.pages[0]?.data.slice(0, RECENT) ?? [];
    body =
      rows.length === 0 ? (
        <EmptyState title="No activity yet">Changes to leads, contacts, companies, deals, activities and settings will show up here.</EmptyState>
      ) : (
        <div className="card">
          <AuditEventList events={rows} members={members.data} workspaceId={workspaceId} linkRecords label="Recent workspace activity" />
        </div>
      );
  }
  return (
    <section aria-labelledby="activity-heading" className="stack section">
      <h2 id="activity-heading" className="h3">
        Recent activity
      </h2>
      {body}
    </section>
  );
}
