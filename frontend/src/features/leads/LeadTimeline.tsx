import type { MemberView } from '../../api/types';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { AuditEventList } from '../audit/AuditEventList';
import { useLeadTimeline } from './queries';

/** What happened to the lead, newest first, from the audit log. */
export function LeadTimeline({ workspaceId, leadId, members }: { workspaceId: string; leadId: string; members: readonly MemberView[] | undefined }) {
  const timeline = useLeadTimeline(workspaceId, leadId);
  let body;
  if (timeline.isPending) body = <LoadingState label="Loading timeline…" />;
  else if (timeline.isError)
    body = <ErrorState title="Could not load the timeline" error={timeline.error} onRetry={() => void timeline.refetch()} />;
  else {
    const events = timeline.data.pages.flatMap((p) => p.data);
    body =
      events.length === 0 ? (
        <EmptyState title="Nothing has happened yet" />
      ) : (
        <>
          <AuditEventList events={events} members={members} workspaceId={workspaceId} label="Lead timeline" />
          {timeline.hasNextPage && (
            <button type="button" className="btn" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
              {timeline.isFetchingNextPage ? 'Loading…' : 'Load more activity'}
            </button>
          )}
        </>
      );
  }
  return (
    <section className="card stack" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="h3">
        Timeline
      </h2>
      {body}
    </section>
  );
}
