import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCanWriteCrm } from '../workspaces/permissions';
import { AttentionBadges, StatusBadge } from './badges';
import { hasActiveFilters, leadFiltersToParams, parseLeadFilters, type LeadFilters } from './filters';
import { LeadFiltersBar } from './LeadFiltersBar';
import { memberName, useLeads, useLeadSources, useMemberOptions } from './queries';
import { ScoreBar } from './Score';
import { sourceLabel } from './sources';

export function LeadsPage() {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const [params, setParams] = useSearchParams();
  const filters = parseLeadFilters(params);
  const setFilters = (next: LeadFilters) => setParams(leadFiltersToParams(next));
  const sources = useLeadSources(workspace.id);
  const members = useMemberOptions(workspace.id);
  const leads = useLeads(workspace.id, filters);
  const base = `/w/${workspace.id}/leads`;
  const newLead = canWrite && (
    <Link className="btn btn-primary" to={`${base}/new`}>
      New lead
    </Link>
  );

  let body;
  if (leads.isPending) body = <LoadingState label="Loading leads…" />;
  else if (leads.isError) body = <ErrorState title="Could not load leads" error={leads.error} onRetry={() => void leads.refetch()} />;
  else if (leads.data.data.length === 0) {
    body = hasActiveFilters(filters) ? (
      <EmptyState title="No leads match these filters">Change or clear the filters to see more leads.</EmptyState>
    ) : filters.after.length > 0 ? (
      <EmptyState title="No more leads">
        <Link to={`${base}?${leadFiltersToParams({ ...filters, after: [] }).toString()}`}>Back to the first page</Link>
      </EmptyState>
    ) : (
      <EmptyState title="No leads yet">
        <p>Leads are your first contacts before they qualify. Add one to start tracking it.</p>
        {newLead}
      </EmptyState>
    );
  } else {
    const rows = leads.data.data;
    const nextCursor = leads.data.nextCursor;
    body = (
      <>
        <div className="table-wrap" aria-busy={leads.isPlaceholderData || undefined}>
          <table className="table">
            <caption className="visually-hidden">Leads</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Company</th>
                <th scope="col">Status</th>
                <th scope="col">Source</th>
                <th scope="col">Assignee</th>
                <th scope="col">Next action</th>
                <th scope="col">Score</th>
                <th scope="col">Attention</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((lead) => (
                <tr key={lead.id}>
                  <td>
                    <Link to={`${base}/${lead.id}`}>{lead.name}</Link>
                  </td>
                  <td>{lead.company ?? <span className="muted">—</span>}</td>
                  <td>
                    <StatusBadge status={lead.status} />
                  </td>
                  <td>{sourceLabel(sources.data, lead.source)}</td>
                  <td>{memberName(members.data, lead.assigneeId) ?? <span className="muted">Unassigned</span>}</td>
                  <td>{formatDate(lead.nextActionDate)}</td>
                  <td>
                    <ScoreBar value={lead.score.value} />
                  </td>
                  <td>
                    <AttentionBadges lead={lead} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {(filters.after.length > 0 || nextCursor) && (
          <nav className="pager" aria-label="Leads pages">
            <button
              type="button"
              className="btn"
              disabled={filters.after.length === 0}
              onClick={() => setFilters({ ...filters, after: filters.after.slice(0, -1) })}
            >
              Previous page
            </button>
            <span className="muted small">Page {filters.after.length + 1}</span>
            <button
              type="button"
              className="btn"
              disabled={!nextCursor || leads.isPlaceholderData}
              onClick={() => nextCursor && setFilters({ ...filters, after: [...filters.after, nextCursor] })}
            >
              Next page
            </button>
          </nav>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader title="Leads" description="First contacts, before they qualify." actions={newLead} />
      <LeadFiltersBar filters={filters} onChange={setFilters} sources={sources.data} members={members.data} />
      {body}
    </>
  );
}
