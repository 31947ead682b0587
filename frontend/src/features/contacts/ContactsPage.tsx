import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { CompanyView, MemberView } from '../../api/types';
import { CursorPager, SearchBox, TextFilter } from '../../components/ListControls';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useCanWriteCrm } from '../activities/access';
import { useCompanyOptions } from '../companies/queries';
import { memberName, useMemberOptions } from '../leads/queries';
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

function ContactFiltersBar({
  filters,
  onChange,
  companies,
  members,
}: {
  filters: ContactFilters;
  onChange: (next: ContactFilters) => void;
  companies: readonly CompanyView[] | undefined;
  members: readonly MemberView[] | undefined;
}) {
  const ids = { company: useId(), owner: useId(), sort: useId() };
  return (
    <div className="filters" role="group" aria-label="Contact filters">
      <SearchBox key={filters.q} label="Search contacts" placeholder="Search name, email or company" value={filters.q} onSearch={(q) => onChange(withContactFilter(filters, { q }))} />
      <div className="filter-row">
        <div className="filter">
          <label htmlFor={ids.company}>Company</label>
          <select id={ids.company} value={filters.company} onChange={(e) => onChange(withContactFilter(filters, { company: e.target.value }))}>
            <option value="">Any company</option>
            {companies?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {filters.company && !companies?.some((c) => c.id === filters.company) && <option value={filters.company}>Selected company</option>}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={ids.owner}>Owner</label>
          <select id={ids.owner} value={filters.owner} onChange={(e) => onChange(withContactFilter(filters, { owner: e.target.value }))}>
            <option value="">Anyone</option>
            {members?.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name || m.email}
              </option>
            ))}
            {filters.owner && !members?.some((m) => m.userId === filters.owner) && <option value={filters.owner}>Unknown member</option>}
          </select>
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
  const companies = useCompanyOptions(workspace.id);
  const contacts = useContacts(workspace.id, filters);
  const base = `/w/${workspace.id}/contacts`;
  const newContact = canWrite && (
    <Link className="btn btn-primary" to={`${base}/new${filters.company ? `?company=${encodeURIComponent(filters.company)}` : ''}`}>
      New contact
    </Link>
  );

  let body;
  if (contacts.isPending) body = <LoadingState label="Loading contacts…" />;
  else if (contacts.isError) body = <ErrorState title="Could not load contacts" error={contacts.error} onRetry={() => void contacts.refetch()} />;
  else if (contacts.data.data.length === 0) {
    body = hasActiveContactFilters(filters) ? (
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
  } else {
    body = (
      <>
        <div className="table-wrap" aria-busy={contacts.isPlaceholderData || undefined}>
          <table className="table">
            <caption className="visually-hidden">Contacts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Company</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Owner</th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {contacts.data.data.map((contact) => (
                <tr key={contact.id}>
                  <td>
                    <Link to={`${base}/${contact.id}`}>{contact.name}</Link>
                    {contact.jobTitle && <div className="muted small">{contact.jobTitle}</div>}
                  </td>
                  <td>{contact.company ? <Link to={`/w/${workspace.id}/companies/${contact.company.id}`}>{contact.company.name}</Link> : <span className="muted">—</span>}</td>
                  <td>{contact.email ?? <span className="muted">—</span>}</td>
                  <td>{contact.phone ?? <span className="muted">—</span>}</td>
                  <td>{memberName(members.data, contact.ownerId) ?? <span className="muted">No owner</span>}</td>
                  <td>
                    {contact.tags.length > 0 ? (
                      <span className="tag-list">
                        {contact.tags.map((tag) => (
                          <span key={tag} className="tag">
                            {tag}
                          </span>
                        ))}
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CursorPager
          label="Contacts pages"
          trail={filters.after}
          nextCursor={contacts.data.nextCursor}
          busy={contacts.isPlaceholderData}
          onChange={(after) => setFilters({ ...filters, after })}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Contacts" description="The people you work with, and everything that happened with them." actions={newContact} />
      <ContactFiltersBar filters={filters} onChange={setFilters} companies={companies.data} members={members.data} />
      {body}
    </>
  );
}
