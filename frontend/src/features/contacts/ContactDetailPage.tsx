import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import type { ContactView } from '../../api/types';
import { ErrorState, FullPageMessage, LoadingState } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useCanWriteCrm } from '../workspaces/permissions';
import { EntityActivities } from '../activities/EntityActivities';
import { ContactDealsIsland } from '../deals/DealSummaryIslands';
import { useMemberOptions } from '../leads/queries';
import { MemberName } from '../team/MemberName';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useContact } from './queries';

/** Island: how to reach the contact and who they are. */
function ContactDetailsIsland({ contact }: { contact: ContactView }) {
  const { workspace } = useWorkspace();
  const members = useMemberOptions(workspace.id);
  const headingId = useId();
  return (
    <section className="card detail-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">
        Contact details
      </h2>
      <dl className="details">
        <div>
          <dt>Email</dt>
          <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}</dd>
        </div>
        {contact.otherEmails.length > 0 && (
          <div>
            <dt>Other emails</dt>
            <dd>
              {contact.otherEmails.map((email, i) => (
                <span key={email}>
                  {i > 0 && ', '}
                  <a href={`mailto:${email}`}>{email}</a>
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>Phone</dt>
          <dd>{contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : '—'}</dd>
        </div>
        <div>
          <dt>Job title</dt>
          <dd>{contact.jobTitle ?? '—'}</dd>
        </div>
        <div>
          <dt>Company</dt>
          <dd>{contact.company ? <Link to={`/w/${workspace.id}/companies/${contact.company.id}`}>{contact.company.name}</Link> : '—'}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>
            <MemberName userId={contact.ownerId} members={members.data} none="No owner" />
          </dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd>{contact.address ?? '—'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(contact.createdAt)}</dd>
        </div>
      </dl>
      <h3 className="h3">Tags</h3>
      {contact.tags.length > 0 ? (
        <ul className="tag-list" aria-label="Tags">
          {contact.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tags.</p>
      )}
      <h3 className="h3">Notes</h3>
      {contact.notes ? <p className="notes">{contact.notes}</p> : <p className="muted">No notes.</p>}
    </section>
  );
}

/** Contact 360°: islands (details, related deals, activities & timeline); orders come with their module. */
export function ContactDetailPage() {
  const { contactId = '' } = useParams();
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const contact = useContact(workspace.id, contactId);
  const back = (
    <Link to={`/w/${workspace.id}/contacts`} className="back-link">
      ← Back to contacts
    </Link>
  );
  if (contact.isPending) return <LoadingState label="Loading contact…" />;
  if ([400, 404, 422].some((status) => isApiError(contact.error, { status }))) {
    return (
      <FullPageMessage title="Contact not found">
        <p>This contact does not exist in {workspace.name}.</p>
        {back}
      </FullPageMessage>
    );
  }
  if (contact.isError) return <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />;
  const c = contact.data;
  // Activities logged here also land on the company's timeline: link them to both.
  const links = c.company ? { contactId: c.id, companyId: c.company.id } : { contactId: c.id };
  return (
    <>
      {back}
      <header className="page-header">
        <div>
          <h1>{c.name}</h1>
          <div className="row">
            {c.jobTitle && <span>{c.jobTitle}</span>}
            {c.company && (
              <Link to={`/w/${workspace.id}/companies/${c.company.id}`} className="muted">
                {c.company.name}
              </Link>
            )}
          </div>
        </div>
        {canWrite && (
          <div className="page-actions">
            <Link className="btn" to={`/w/${workspace.id}/contacts/${c.id}/edit`}>
              Edit contact
            </Link>
          </div>
        )}
      </header>
      <div className="lead-grid">
        <div className="stack">
          <ContactDetailsIsland contact={c} />
          <ContactDealsIsland contactId={c.id} />
        </div>
        <div className="stack">
          <EntityActivities
            entity={{ kind: 'contact', id: c.id }}
            links={links}
            linkNote={c.company ? `Linked to ${c.name} and ${c.company.name}.` : undefined}
          />
        </div>
      </div>
    </>
  );
}
