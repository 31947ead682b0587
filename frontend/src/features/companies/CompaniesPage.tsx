import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CursorPager, SearchBox, TextFilter } from '../../components/ListControls';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/states';
import { useCanWriteCrm } from '../workspaces/permissions';
import { useMemberOptions } from '../leads/queries';
import { MemberName } from '../team/MemberName';
import { useWorkspace } from '../workspaces/workspaceContext';
import { CompanyStatusBadge } from './badges';
import {
  COMPANY_SORT_LABELS,
  COMPANY_SORTS,
  companyFiltersToParams,
  hasActiveCompanyFilters,
  parseCompanyFilters,
  withCompanyFilter,
  type CompanyFilters,
  type CompanySort,
} from './filters';
import { COMPANY_STATUS_LABELS, COMPANY_STATUSES } from './meta';
import { useCompanies } from './queries';
import { DataTable, type Column } from '../../components/DataTable';
import type { CompanyView } from '../../api/types';

function CompanyFiltersBar({ filters, onChange }: { filters: CompanyFilters; onChange: (next: CompanyFilters) => void }) {
  const ids = { status: useId(), sort: useId() };
  return (
    <div className="filters" role="group" aria-label="Company filters">
      <SearchBox key={filters.q} label="Search companies" placeholder="Search name or domain" value={filters.q} onSearch={(q) => onChange(withCompanyFilter(filters, { q }))} />
      <div className="filter-row">
        <TextFilter key={filters.industry} label="Industry" placeholder="Any industry" value={filters.industry} onApply={(industry) => onChange(withCompanyFilter(filters, { industry }))} />
        <div className="filter">
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} value={filters.status} onChange={(e) => onChange(withCompanyFilter(filters, { status: e.target.value as CompanyFilters['status'] }))}>
            <option value="">All statuses</option>
            {COMPANY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {COMPANY_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={ids.sort}>Sort by</label>
          <select id={ids.sort} value={filters.sort} onChange={(e) => onChange(withCompanyFilter(filters, { sort: e.target.value as CompanySort }))}>
            {COMPANY_SORTS.map((s) => (
              <option key={s} value={s}>
                {COMPANY_SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {hasActiveCompanyFilters(filters) && (
          <button type="button" className="btn btn-small" onClick={() => onChange(withCompanyFilter(filters, { q: '', industry: '', status: '' }))}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

export function CompaniesPage() {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const [params, setParams] = useSearchParams();
  const filters = parseCompanyFilters(params);
  const setFilters = (next: CompanyFilters) => setParams(companyFiltersToParams(next));
  const members = useMemberOptions(workspace.id);
  const companies = useCompanies(workspace.id, filters);
  const base = `/w/${workspace.id}/companies`;
  const newCompany = canWrite && (
    <Link className="btn btn-primary" to={`${base}/new`}>
      New company
    </Link>
  );

  const columns: Column<CompanyView>[] = [
    { header: 'Name', cell: (company) => (
        <>
          <Link to={`${base}/${company.id}`}>{company.name}</Link>
          {company.domain && <div className="muted small">{company.domain}</div>}
        </>
      ) },
    { header: 'Status', cell: (company) => (
        <>
          <CompanyStatusBadge status={company.status} />
        </>
      ) },
    { header: 'Industry', cell: (company) => company.industry ?? <span className="muted">—</span> },
    { header: 'Size', cell: (company) => company.size ?? <span className="muted">—</span> },
    { header: 'Owner', cell: (company) => <MemberName userId={company.ownerId} members={members.data} none={<span className="muted">No owner</span>} /> },
  ];
  const empty = hasActiveCompanyFilters(filters) ? (
      <EmptyState title="No companies match these filters">Change or clear the filters to see more companies.</EmptyState>
    ) : filters.after.length > 0 ? (
      <EmptyState title="No more companies">
        <Link to={`${base}?${companyFiltersToParams({ ...filters, after: [] }).toString()}`}>Back to the first page</Link>
      </EmptyState>
    ) : (
      <EmptyState title="No companies yet">
        <p>Companies group the people you work with. Add one to see its contacts and activities in one place.</p>
        {newCompany}
      </EmptyState>
    );
  const body = (
    <DataTable
      caption="Companies"
      columns={columns}
      rows={companies.data?.data}
      rowKey={(row) => row.id}
      loading={companies.isPending}
      loadingLabel="Loading companies…"
      error={companies.isError ? companies.error : undefined}
      errorTitle="Could not load companies"
      onRetry={() => void companies.refetch()}
      empty={empty}
      stale={companies.isPlaceholderData}
      footer={<CursorPager label="Companies pages" trail={filters.after} nextCursor={companies.data?.nextCursor} busy={companies.isPlaceholderData} onChange={(after) => setFilters({ ...filters, after })} />}
    />
  );
  return (
    <>
      <PageHeader title="Companies" description="Accounts: the organisations behind your contacts." actions={newCompany} />
      <CompanyFiltersBar filters={filters} onChange={setFilters} />
      {body}
    </>
  );
}
