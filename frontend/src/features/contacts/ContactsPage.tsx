import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CursorPager, SearchBox, TextFilter } from '../../components/ListControls';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/states';
import { useCanWriteCrm } from '../workspaces/permissions';
import { CompanyPicker } from '../companies/CompanyPicker';
import { MemberPicker } from '../team/MemberPicker';
import { useMemberOptions } from '../leads/queries';
import { MemberName } from '../team/MemberName';
import { useWorkspace } from '../workspaces/workspaceContext';
import {
  CONTACT_SORT_LABELS,
  CONTACT_SORTS,
  contactFiltersToParams,
  hasActiveContactFilters,
  parseContactFilters,
  withContactFilter,
  type ContactFilters,
  type ContactSort,
} from './filters';
import { useContacts } from './queries';
import { DataTable, type Column } from '../../components/DataTable';
import type { ContactView } from '../../api/types';

function ContactFiltersBar({ filters, onChange }: { filters: ContactFilters; onChange: (next: ContactFilters) => void }) {
  const ids = { sort: useId() };
  return (
    <div className="filters" role="group" aria-label="Contact filters">
      <SearchBox key={filters.q} label="Search contacts" placeholder="Search name, email or company" value={filters.q} onSearch={(q) => onChange(withContactFilter(filters, { q }))} />
      <div className="filter-row">
        <div className="filter">
          <CompanyPicker label="Company" noneLabel="Any company" value={filters.company} onChange={(company) => onChange(withContactFilter(filters, { company }))} />
        </div>
        <div className="filter">
          <MemberPicker label="Owner" noneLabel="Anyone" value={filters.owner} onChange={(owner) => onChange(withContactFilter(filters, { owner }))} />
        </div>
        <TextFilter key={filters.tag} label="Tag" placeholder="Any tag" value={filters.tag} onApply={(tag) => onChange(withContactFilter(filters, { tag: tag.toLowerCase() }))} />
        <div className="filter">
          <label htmlFor={ids.sort}>Sort by</label>
          <select id={ids.sort} value={filters.sort} onChange={(e) => onChange(withContactFilter(filters, { sort: e.target.value as ContactSort }))}>
            {CONTACT_SORTS.map((s) => (
              <option key={s} value={s}>
                {CONTACT_SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {hasActiveContactFilters(filters) && (
          <button type="button" className="btn btn-small" onClick={() => onChange(withContactFilter(filters, { q: '', company: '', owner: '', tag: '' }))}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

export function ContactsPage() {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const [params, setParams] = useSearchParams();
  const filters = parseContactFilters(params);
  const setFilters = (next: ContactFilters) => setParams(contactFiltersToParams(next));
  const members = useMemberOptions(workspace.id);
  const contacts = useContacts(workspace.id, filters);
  const base = `/w/${workspace.id}/contacts`;
  const newContact = canWrite && (
    <Link className="btn btn-primary" to={`${base}/new${filters.company ? `?company=${encodeURIComponent(filters.company)}` : ''}`}>
      New contact
    </Link>
  );

  const columns: Column<ContactView>[] = [
    { header: 'Name', cell: (contact) => (
        <>
          <Link to={`${base}/${contact.id}`}>{contact.name}</Link>
          {contact.jobTitle && <div className="muted small">{contact.jobTitle}</div>}
        </>
      ) },
    { header: 'Company', cell: (contact) => contact.company ? <Link to={`/w/${workspace.id}/companies/${contact.company.id}`}>{contact.company.name}</Link> : <span className="muted">—</span> },
    { header: 'Email', cell: (contact) => contact.email ?? <span className="muted">—</span> },
    { header: 'Phone', cell: (contact) => contact.phone ?? <span className="muted">—</span> },
    { header: 'Owner', cell: (contact) => <MemberName userId={contact.ownerId} members={members.data} none={<span className="muted">No owner</span>} /> },
    {
      header: 'Tags',
      cell: (contact) =>
        contact.tags.length > 0 ? (
          <span className="tag-list">
            {contact.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  const empty = hasActiveContactFilters(filters) ? (
      <EmptyState title="No contacts match these filters">Change or clear the filters to see more contacts.</EmptyState>
    ) : filters.after.length > 0 ? (
      <EmptyState title="No more contacts">
        <Link to={`${base}?${contactFiltersToParams({ ...filters, after: [] }).toString()}`}>Back to the first page</Link>
      </EmptyState>
    ) : (
      <EmptyState title="No contacts yet">
        <p>Contacts are the people you deal with: clients, partners, people at your companies.</p>
        {newContact}
      </EmptyState>
    );
  const body = (
    <DataTable
      caption="Contacts"
      columns={columns}
      rows={contacts.data?.data}
      rowKey={(row) => row.id}
      loading={contacts.isPending}
      loadingLabel="Loading contacts…"
      error={contacts.isError ? contacts.error : undefined}
      errorTitle="Could not load contacts"
      onRetry={() => void contacts.refetch()}
      empty={empty}
      stale={contacts.isPlaceholderData}
      footer={<CursorPager label="Contacts pages" trail={filters.after} nextCursor={contacts.data?.nextCursor} busy={contacts.isPlaceholderData} onChange={(after) => setFilters({ ...filters, after })} />}
    />
  );
  return (
    <>
      <PageHeader title="Contacts" description="The people you work with, and everything that happened with them." actions={newContact} />
      <ContactFiltersBar filters={filters} onChange={setFilters} />
      {body}
    </>
  );
}
