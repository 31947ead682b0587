import type { ActivityView, Role } from '../../api/types';
import { useWorkspace } from '../workspaces/workspaceContext';

/** Owners and managers write contacts, companies and activities; viewers read (the server answers 403). */
export function canWriteCrm(role: Role): boolean {
  return role !== 'viewer';
}

export function useCanWriteCrm(): boolean {
  return canWriteCrm(useWorkspace().workspace.role);
}

export type ActivityAction = 'complete' | 'reopen';

/** What a member with `role` may do to `activity` from the UI (activities are never deleted). */
export function activityActions(role: Role, activity: Pick<ActivityView, 'completedAt'>): ActivityAction[] {
  if (!canWriteCrm(role)) return [];
  return activity.completedAt ? ['reopen'] : ['complete'];
}
