import type { ActivityType } from '../../api/types';
import { isActivityType } from './meta';

/**
 * The "My activities" page's state, kept in the URL:
 * `?scope=all&overdue=true&status=open&type=call`. `scope` defaults to
 * `mine`, `status` to `open` (`any` shows both).
 */
export interface ActivityFilters {
  scope: 'mine' | 'all';
  overdue: boolean;
  status: 'open' | 'completed' | 'any';
  type: ActivityType | '';
}

export const DEFAULT_ACTIVITY_FILTERS: ActivityFilters = { scope: 'mine', overdue: false, status: 'open', type: '' };

export function parseActivityFilters(params: URLSearchParams): ActivityFilters {
  const status = params.get('status');
  const type = params.get('type');
  return {
    scope: params.get('scope') === 'all' ? 'all' : 'mine',
    overdue: params.get('overdue') === 'true',
    status: status === 'completed' || status === 'any' ? status : 'open',
    type: isActivityType(type) ? type : '',
  };
}

export function activityFiltersToParams(filters: ActivityFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.scope !== 'mine') params.set('scope', filters.scope);
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.type) params.set('type', filters.type);
  return params;
}

export interface ActivityListQuery {
  mine?: boolean;
  overdue?: boolean;
  status?: 'open' | 'completed';
  type?: ActivityType;
  limit: number;
}

/** The `GET /activities` query (without the cursor, which "load more" adds). */
export function toActivityListQuery(filters: ActivityFilters, limit: number): ActivityListQuery {
  const query: ActivityListQuery = { limit };
  if (filters.scope === 'mine') query.mine = true;
  if (filters.overdue) query.overdue = true;
  if (filters.status !== 'any') query.status = filters.status;
  if (filters.type) query.type = filters.type;
  return query;
}
