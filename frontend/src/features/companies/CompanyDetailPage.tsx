import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import type { CompanyView } from '../../api/types';
import { EmptyState, ErrorState, FullPageMessage, LoadingState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useCanWriteCrm } from '../workspaces/permissions';
import { EntityActivities } from '../activities/EntityActivities';
import { CompanyDealsIsland } from '../deals/DealSummaryIslands';
import { useMemberOptions } from '../leads/queries';
import { MemberName } from '../team/MemberName';
import { useWorkspace } from '../workspaces/workspaceContext';
import { CompanyStatusBadge } from './badges';
import { websiteHref } from './meta';
import { useCompany, useCompanyContacts } from './queries';

/** Island: who the company is (name, status, industry, size, website, owner, address, notes). */
function CompanyHeaderIsland({ company }: { company: CompanyView }) {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const members = useMemberOptions(workspace.id);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{company.name}</h1>
          <div className="row">
            <CompanyStatusBadge status={company.status} />
            {company.industry && <span className="muted">{company.industry}</span>}
          </div>
        </div>
        {canWrite && (
          <div className="page-actions">
            <Link className="btn" to={`/w/${workspace.id}/companies/${company.id}/edit`}>
              Edit company
            </Link>
          </div>
        )}
      </header>
      <section className="card detail-card" aria-labelledby="company-details-heading">
        <h2 id="company-details-heading" className="h3">
          Company details
        </h2>
        <dl className="details">
          <div>
            <dt>Industry</dt>
            <dd>{company.industry ?? '—'}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{company.size ? `${company.size} employees` : '—'}</dd>
          </div>
          <div>
            <dt>Website</dt>
            <dd>
              {company.website ? (
                <a href={websiteHref(company.website)} target="_blank" rel="noreferrer noopener">
                  {company.website}
                </a>
              ) : (
                '—'
              )}
            </dd>
          </div>
          <div>
            <dt>Domain</dt>
            <dd>{company.domain ?? '—'}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>
              <MemberName userId={company.ownerId} members={members.data} none="No owner" />
            </dd>
          </div>
          <div>
            <dt>Contacts</dt>
            <dd>{company.contactCount ?? '—'}</dd>
          </div>
          <div>
            <dt>Address</dt>
            <dd>{company.address ?? '—'}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(company.createdAt)}</dd>
          </div>
        </dl>
        {company.notes && <p className="notes">{company.notes}</p>}
      </section>
    </>
  );
}

/** Island: the company's key contacts (GET /companies/{id}/contacts). */
function KeyContactsIsland({ companyId }: { companyId: string }) {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const contacts = useCompanyContacts(workspace.id, companyId);
  const headingId = useId();
  const base = `/w/${workspace.id}/contacts`;
  let body;
  if (contacts.isPending) body = <LoadingState label="Loading contacts…" />;
  else if (contacts.isError) body = <ErrorState title="Could not load the contacts" error={contacts.error} onRetry={() => void contacts.refetch()} />;
  else if (contacts.data.data.length === 0) body = <EmptyState title="No contacts yet" />;
  else
    body = (
      <>
        <ul className="contact-list" aria-label="Key contacts">
          {contacts.data.data.map((contact) => (
            <li key={contact.id}>
              <Link to={`${base}/${contact.id}`}>{contact.name}</Link>
              {contact.jobTitle && <span className="muted"> · {contact.jobTitle}</span>}
              {contact.email && (
                <div className="small">
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </div>
              )}
            </li>
          ))}
        </ul>
        {contacts.data.nextCursor && (
          <Link className="small" to={`${base}?company=${companyId}`}>
            See all contacts
          </Link>
        )}
      </>
    );
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <div className="row island-header">
        <h2 id={headingId} className="h3">
          Key contacts
        </h2>
        {canWrite && (
          <Link className="btn btn-small" to={`${base}/new?company=${companyId}`}>
            Add contact
          </Link>
        )}
      </div>
      {body}
    </section>
  );
}

/** Company 360°: independent islands, each with its own query (later modules add deals, orders…). */
export function CompanyDetailPage() {
  const { companyId = '' } = useParams();
  const { workspace } = useWorkspace();
  const company = useCompany(workspace.id, companyId);
  const back = (
    <Link to={`/w/${workspace.id}/companies`} className="back-link">
      ← Back to companies
    </Link>
  );
  if (company.isPending) return <LoadingState label="Loading company…" />;
  if ([400, 404, 422].some((status) => isApiError(company.error, { status }))) {
    return (
      <FullPageMessage title="Company not found">
        <p>This company does not exist in {workspace.name}.</p>
        {back}
      </FullPageMessage>
    );
  }
  if (company.isError) return <ErrorState error={company.error} onRetry={() => void company.refetch()} />;
  return (
    <>
      {back}
      <CompanyHeaderIsland company={company.data} />
      <div className="lead-grid">
        <div className="stack">
          <KeyContactsIsland companyId={company.data.id} />
          <CompanyDealsIsland companyId={company.data.id} />
        </div>
        <div className="stack">
          <EntityActivities entity={{ kind: 'company', id: company.data.id }} links={{ companyId: company.data.id }} />
        </div>
      </div>
    </>
  );
}
