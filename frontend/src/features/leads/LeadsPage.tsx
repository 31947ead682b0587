import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCanWriteCrm } from '../workspaces/permissions';
import { AttentionBadges, StatusBadge } from './badges';
import { hasActiveFilters, leadFiltersToParams, parseLeadFilters, type LeadFilters } from './filters';
import { LeadFiltersBar } from './LeadFiltersBar';
import { MemberName } from '../team/MemberName';
import { useLeads, useLeadSources, useMemberOptions } from './queries';
import { ScoreBar } from './Score';
import { sourceLabel } from './sources';
import { DataTable, type Column } from '../../components/DataTable';
import { CursorPager } from '../../components/ListControls';
import type { LeadView } from '../../api/types';

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

  const columns: Column<LeadView>[] = [
    { header: 'Name', cell: (lead) => (
        <>
          <Link to={`${base}/${lead.id}`}>{lead.name}</Link>
        </>
      ) },
    { header: 'Company', cell: (lead) => lead.company ?? <span className="muted">—</span> },
    { header: 'Status', cell: (lead) => (
        <>
          <StatusBadge status={lead.status} />
        </>
      ) },
    { header: 'Source', cell: (lead) => sourceLabel(sources.data, lead.source) },
    { header: 'Assignee', cell: (lead) => <MemberName userId={lead.assigneeId} members={members.data} none={<span className="muted">Unassigned</span>} /> },
    { header: 'Next action', cell: (lead) => formatDate(lead.nextActionDate) },
    { header: 'Score', cell: (lead) => (
        <>
          <ScoreBar value={lead.score.value} />
        </>
      ) },
    { header: 'Attention', cell: (lead) => (
        <>
          <AttentionBadges lead={lead} />
        </>
      ) },
  ];
  const empty = hasActiveFilters(filters) ? (
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
  const body = (
    <DataTable
      caption="Leads"
      columns={columns}
      rows={leads.data?.data}
      rowKey={(row) => row.id}
      loading={leads.isPending}
      loadingLabel="Loading leads…"
      error={leads.isError ? leads.error : undefined}
      errorTitle="Could not load leads"
      onRetry={() => void leads.refetch()}
      empty={empty}
      stale={leads.isPlaceholderData}
      footer={<CursorPager label="Leads pages" trail={filters.after} nextCursor={leads.data?.nextCursor} busy={leads.isPlaceholderData} onChange={(after) => setFilters({ ...filters, after })} />}
    />
  );
  return (
    <>
      <PageHeader title="Leads" description="First contacts, before they qualify." actions={newLead} />
      <LeadFiltersBar filters={filters} onChange={setFilters} sources={sources.data} />
      {body}
    </>
  );
}
