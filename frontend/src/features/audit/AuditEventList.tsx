import { Link } from 'react-router';
import type { AuditEventView, MemberView } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { actorName, readableSummary } from './summary';

/** Audit events as a list, newest first; lead events link to their lead when `linkLeads` is set. */
export function AuditEventList({
  events,
  members,
  workspaceId,
  linkLeads = false,
  label,
}: {
  events: readonly AuditEventView[];
  members: readonly MemberView[] | undefined;
  workspaceId: string;
  linkLeads?: boolean;
  label: string;
}) {
  return (
    <ol className="activity-list" aria-label={label}>
      {events.map((event) => (
        <li key={event.id} className="activity-item">
          <div>
            {linkLeads && event.entityType === 'lead' ? (
              <Link to={`/w/${workspaceId}/leads/${event.entityId}`}>{readableSummary(event.summary, members)}</Link>
            ) : (
              <span>{readableSummary(event.summary, members)}</span>
            )}
          </div>
          <div className="muted small">
            {actorName(event, members)} · <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          </div>
        </li>
      ))}
    </ol>
  );
}
