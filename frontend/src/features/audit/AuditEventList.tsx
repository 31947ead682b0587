import { Link } from 'react-router';
import type { AuditEventView, MemberView } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { auditEventPath } from './links';
import { EventActor, EventSummary } from './EventText';

/** Audit events as a list, newest first; with `linkRecords` each event links to its record's page where one exists. */
export function AuditEventList({
  events,
  members,
  workspaceId,
  linkRecords = false,
  label,
}: {
  events: readonly AuditEventView[];
  members: readonly MemberView[] | undefined;
  workspaceId: string;
  linkRecords?: boolean;
  label: string;
}) {
  return (
    <ol className="activity-list" aria-label={label}>
      {events.map((event) => {
        const path = linkRecords ? auditEventPath(workspaceId, event) : undefined;
        return (
        <li key={event.id} className="activity-item">
          <div>
            {path ? (
              <Link to={path}>
                <EventSummary summary={event.summary} members={members} />
              </Link>
            ) : (
              <span>
                <EventSummary summary={event.summary} members={members} />
              </span>
            )}
          </div>
          <div className="muted small">
            <EventActor event={event} members={members} /> · <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          </div>
        </li>
        );
      })}
    </ol>
  );
}
