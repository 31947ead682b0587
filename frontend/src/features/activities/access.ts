import type { ActivityView, Role } from '../../api/types';
import { canWriteCrm } from '../workspaces/permissions';

export type ActivityAction = 'complete' | 'reopen';

/** What a member with `role` may do to `activity` from the UI (activities are never deleted). */
export function activityActions(role: Role, activity: Pick<ActivityView, 'completedAt'>): ActivityAction[] {
  if (!canWriteCrm(role)) return [];
  return activity.completedAt ? ['reopen'] : ['complete'];
}
