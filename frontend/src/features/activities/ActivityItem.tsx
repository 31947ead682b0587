import { Link } from 'react-router';
import { problemMessage } from '../../api/problem';
import type { ActivityView, MemberView, Role } from '../../api/types';
import { Badge } from '../../components/Badge';
import { useToast } from '../../components/toastContext';
import { formatDateTime } from '../../lib/format';
import { MemberName } from '../team/MemberName';
import { activityActions } from './access';
import { PRIORITY_LABELS, TYPE_ICONS, typeLabel } from './meta';
import { useSetActivityCompleted } from './queries';

/** Complete / reopen buttons: only the moves the member's role allows (none for viewers). */
export function CompletionButtons({ workspaceId, activity, role }: { workspaceId: string; activity: ActivityView; role: Role }) {
  const toast = useToast();
  const setCompleted = useSetActivityCompleted(workspaceId);
  const actions = activityActions(role, activity);
  if (actions.length === 0) return null;
  const run = (completed: boolean) =>
    setCompleted.mutate(
      { activity, completed },
      {
        onSuccess: () => toast.success(completed ? `Completed “${activity.subject}”` : `Reopened “${activity.subject}”`),
        onError: (error) => toast.error(`Could not ${completed ? 'complete' : 'reopen'} the activity: ${problemMessage(error)}`),
      },
    );
  return (
    <span className="row-actions">
      {actions.includes('complete') && (
        <button type="button" className="btn btn-small" aria-label={`Complete ${activity.subject}`} disabled={setCompleted.isPending} onClick={() => run(true)}>
          Complete
        </button>
      )}
      {actions.includes('reopen') && (
        <button type="button" className="btn btn-small" aria-label={`Reopen ${activity.subject}`} disabled={setCompleted.isPending} onClick={() => run(false)}>
          Reopen
        </button>
      )}
    </span>
  );
}

/** Links to the records an activity belongs to (on the activities page, where the record is not the page). */
function RecordLinks({ workspaceId, activity }: { workspaceId: string; activity: ActivityView }) {
  const base = `/w/${workspaceId}`;
  const links = [
    activity.leadId && <Link key="lead" to={`${base}/leads/${activity.leadId}`}>Lead</Link>,
    activity.contactId && <Link key="contact" to={`${base}/contacts/${activity.contactId}`}>Contact</Link>,
    activity.companyId && <Link key="company" to={`${base}/companies/${activity.companyId}`}>Company</Link>,
    activity.dealId && <Link key="deal" to={`${base}/deals/${activity.dealId}`}>Deal</Link>,
  ].filter(Boolean);
  if (links.length === 0) return null;
  return (
    <span className="activity-links">
      {' · '}
      {links.map((link, i) => (
        <span key={i}>
          {i > 0 && ', '}
          {link}
        </span>
      ))}
    </span>
  );
}

/** One activity: type, subject, due date, overdue, assignee, completion, and the allowed controls. */
export function ActivityItemBody({
  workspaceId,
  activity,
  members,
  role,
  showRecords = false,
}: {
  workspaceId: string;
  activity: ActivityView;
  members: readonly MemberView[] | undefined;
  role: Role;
  showRecords?: boolean;
}) {
  const done = Boolean(activity.completedAt);
  return (
    <div className={done ? 'activity activity-done' : 'activity'}>
      <div className="activity-main">
        <span className={`activity-type activity-type-${activity.type}`}>
          <span aria-hidden="true">{TYPE_ICONS[activity.type] ?? '•'}</span> {typeLabel(activity.type)}
        </span>
        <strong className="activity-subject">{activity.subject}</strong>
        {done && <Badge tone="success">Completed</Badge>}
        {!done && activity.overdue && <Badge tone="danger">Overdue</Badge>}
        {activity.priority === 'high' && <Badge tone="warning">{PRIORITY_LABELS.high} priority</Badge>}
        <CompletionButtons workspaceId={workspaceId} activity={activity} role={role} />
      </div>
      {activity.body && <p className="activity-body">{activity.body}</p>}
      <div className="muted small">
        {activity.dueAt ? (
          <>
            Due <time dateTime={activity.dueAt}>{formatDateTime(activity.dueAt)}</time>
          </>
        ) : (
          'No due date'
        )}
        {' · '}
        {activity.assigneeId ? (
          <>
            Assigned to <MemberName userId={activity.assigneeId} members={members} none="" former="a former member" />
          </>
        ) : (
          'Unassigned'
        )}
        {done && (
          <>
            {' · '}Completed <time dateTime={activity.completedAt ?? undefined}>{formatDateTime(activity.completedAt)}</time>
            {activity.completedBy && (
              <>
                {' by '}
                <MemberName userId={activity.completedBy} members={members} none="" former="a former member" />
              </>
            )}
          </>
        )}
        {showRecords && <RecordLinks workspaceId={workspaceId} activity={activity} />}
      </div>
    </div>
  );
}
