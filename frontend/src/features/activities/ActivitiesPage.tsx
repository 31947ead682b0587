import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useMemberOptions } from '../leads/queries';
import { useWorkspace } from '../workspaces/workspaceContext';
import { ActivityItemBody } from './ActivityItem';
import { activityFiltersToParams, parseActivityFilters, type ActivityFilters } from './filters';
import { ACTIVITY_TYPES, TYPE_LABELS } from './meta';
import { useActivities } from './queries';

const SCOPES: { value: ActivityFilters['scope']; label: string }[] = [
  { value: 'mine', label: 'Mine' },
  { value: 'all', label: 'Everyone’s' },
];

/** "My activities": tasks, calls, meetings… across the workspace, filters in the URL, complete / reopen inline. */
export function ActivitiesPage() {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const filters = parseActivityFilters(params);
  const setFilters = (change: Partial<ActivityFilters>) => setParams(activityFiltersToParams({ ...filters, ...change }));
  const members = useMemberOptions(workspace.id);
  const activities = useActivities(workspace.id, filters);
  const ids = { status: useId(), type: useId(), overdue: useId() };

  let body;
  if (activities.isPending) body = <LoadingState label="Loading activities…" />;
  else if (activities.isError)
    body = <ErrorState title="Could not load activities" error={activities.error} onRetry={() => void activities.refetch()} />;
  else {
    const rows = activities.data.pages.flatMap((p) => p.data);
    body =
      rows.length === 0 ? (
        <EmptyState title={filters.scope === 'mine' ? 'Nothing on your plate' : 'No activities match'}>
          Activities are logged from a lead, contact or company page.
        </EmptyState>
      ) : (
        <div className="card">
          <ol className="activity-list" aria-label="Activities">
            {rows.map((activity) => (
              <li key={activity.id} className="activity-item">
                <ActivityItemBody workspaceId={workspace.id} activity={activity} members={members.data} role={workspace.role} showRecords />
              </li>
            ))}
          </ol>
          {activities.hasNextPage && (
            <button type="button" className="btn" onClick={() => void activities.fetchNextPage()} disabled={activities.isFetchingNextPage}>
              {activities.isFetchingNextPage ? 'Loading…' : 'Load more activities'}
            </button>
          )}
        </div>
      );
  }

  return (
    <>
      <PageHeader title="Activities" description="Tasks, calls, meetings, emails and notes." />
      <div className="tabs" role="tablist" aria-label="Whose activities">
        {SCOPES.map((scope) => (
          <button
            key={scope.value}
            type="button"
            role="tab"
            aria-selected={filters.scope === scope.value}
            aria-controls="panel-activities"
            onClick={() => setFilters({ scope: scope.value })}
          >
            {scope.label}
          </button>
        ))}
      </div>
      <div className="filters" role="group" aria-label="Activity filters">
        <div className="filter-row">
          <div className="filter">
            <label htmlFor={ids.status}>Status</label>
            <select id={ids.status} value={filters.status} onChange={(e) => setFilters({ status: e.target.value as ActivityFilters['status'] })}>
              <option value="open">Open</option>
              <option value="completed">Completed</option>
              <option value="any">Open and completed</option>
            </select>
          </div>
          <div className="filter">
            <label htmlFor={ids.type}>Type</label>
            <select id={ids.type} value={filters.type} onChange={(e) => setFilters({ type: e.target.value as ActivityFilters['type'] })}>
              <option value="">All types</option>
              {ACTIVITY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox filter-toggle" htmlFor={ids.overdue}>
            <input id={ids.overdue} type="checkbox" checked={filters.overdue} onChange={(e) => setFilters({ overdue: e.target.checked })} />
            Overdue only
          </label>
        </div>
      </div>
      <div id="panel-activities" role="tabpanel" aria-label={filters.scope === 'mine' ? 'My activities' : 'Everyone’s activities'}>
        {body}
      </div>
    </>
  );
}
