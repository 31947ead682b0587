import { useId, useState } from 'react';
import type { MemberView } from '../../api/types';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { EventActor, EventSummary } from '../audit/EventText';
import { useMe } from '../auth/queries';
import { useMemberOptions } from '../leads/queries';
import { useWorkspace } from '../workspaces/workspaceContext';
import { canWriteCrm } from '../workspaces/permissions';
import { ActivityItemBody } from './ActivityItem';
import type { ActivityLinks } from './activityForm';
import { QuickCreateActivity } from './QuickCreateActivity';
import { useEntityTimeline, type EntityRef } from './queries';
import { mergeTimeline, type TimelineEntry } from './timeline';

const LABELS = { lead: 'Lead timeline', contact: 'Contact timeline', company: 'Company timeline', deal: 'Deal timeline' } as const;

function TimelineList({
  entries,
  workspaceId,
  members,
  role,
  label,
}: {
  entries: TimelineEntry[];
  workspaceId: string;
  members: readonly MemberView[] | undefined;
  role: Parameters<typeof canWriteCrm>[0];
  label: string;
}) {
  return (
    <ol className="activity-list timeline" aria-label={label}>
      {entries.map((entry) =>
        entry.kind === 'activity' ? (
          <li key={entry.key} className="activity-item timeline-activity">
            <ActivityItemBody workspaceId={workspaceId} activity={entry.activity} members={members} role={role} />
            <div className="muted small">
              Logged <time dateTime={entry.activity.createdAt}>{formatDateTime(entry.activity.createdAt)}</time>
            </div>
          </li>
        ) : (
          <li key={entry.key} className="activity-item timeline-event">
            <div>
              <EventSummary summary={entry.event.summary} members={members} />
            </div>
            <div className="muted small">
              <EventActor event={entry.event} members={members} /> · <time dateTime={entry.event.at}>{formatDateTime(entry.event.at)}</time>
            </div>
          </li>
        ),
      )}
    </ol>
  );
}

/**
 * The activities island of a lead, contact, company or deal page: what was done
 * and planned (activities) merged with what changed (audit events), newest
 * first, with inline quick-create and complete / reopen for writers.
 */
export function EntityActivities({ entity, links, linkNote }: { entity: EntityRef; links: ActivityLinks; linkNote?: string }) {
  const { workspace } = useWorkspace();
  const me = useMe();
  const members = useMemberOptions(workspace.id);
  const timeline = useEntityTimeline(workspace.id, entity);
  const [creating, setCreating] = useState(false);
  const headingId = useId();
  const canWrite = canWriteCrm(workspace.role);

  let body;
  if (timeline.isPending) body = <LoadingState label="Loading timeline…" />;
  else if (timeline.isError)
    body = <ErrorState title="Could not load the timeline" error={timeline.error} onRetry={() => void timeline.refetch()} />;
  else {
    const entries = mergeTimeline(timeline.data.pages);
    body =
      entries.length === 0 ? (
        <EmptyState title="Nothing has happened yet">{canWrite ? 'Log a call, a meeting or a task to start the history.' : null}</EmptyState>
      ) : (
        <>
          <TimelineList entries={entries} workspaceId={workspace.id} members={members.data} role={workspace.role} label={LABELS[entity.kind]} />
          {timeline.hasNextPage && (
            <button type="button" className="btn" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
              {timeline.isFetchingNextPage ? 'Loading…' : 'Load more activity'}
            </button>
          )}
        </>
      );
  }

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <div className="row island-header">
        <h2 id={headingId} className="h3">
          Activities and timeline
        </h2>
        {canWrite && !creating && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => setCreating(true)}>
            Log activity
          </button>
        )}
      </div>
      {canWrite && creating && (
        <QuickCreateActivity
          workspaceId={workspace.id}
          links={links}
          currentUserId={me.data?.user.id}
          linkNote={linkNote}
          onDone={() => setCreating(false)}
        />
      )}
      {body}
    </section>
  );
}
