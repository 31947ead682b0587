import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import type { LeadView } from '../../api/types';
import { EntityActivities } from '../activities/EntityActivities';
import { LeadConversion } from '../deals/LeadConversion';
import { FullPageMessage, ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCanWriteCrm } from '../workspaces/permissions';
import { AttentionBadges, StatusBadge } from './badges';
import { MemberName } from '../team/MemberName';
import { useLead, useLeadSources, useMemberOptions } from './queries';
import { AssigneeControl, StatusControl } from './QuickControls';
import { ScoreBreakdown } from './Score';
import { sourceLabel } from './sources';

function NextActionBlock({ lead }: { lead: LeadView }) {
  const tone = lead.overdue ? 'next-action next-action-overdue' : lead.stale ? 'next-action next-action-stale' : 'next-action';
  return (
    <section className={`card ${tone}`} aria-labelledby="next-action-heading">
      <div className="row">
        <h2 id="next-action-heading" className="h3">
          Next action
        </h2>
        <AttentionBadges lead={lead} />
      </div>
      {lead.nextActionDate || lead.nextActionText ? (
        <p className="next-action-body">
          <strong>{lead.nextActionDate ? formatDate(lead.nextActionDate) : 'No date'}</strong>
          {lead.nextActionText && <span> — {lead.nextActionText}</span>}
        </p>
      ) : (
        <p className="muted">No next action planned. Qualified leads need one.</p>
      )}
      {lead.stale && !lead.overdue && <p className="muted small">No activity for a week: follow up or update the lead.</p>}
    </section>
  );
}

export function LeadDetailPage() {
  const { leadId = '' } = useParams();
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const lead = useLead(workspace.id, leadId);
  const sources = useLeadSources(workspace.id);
  const members = useMemberOptions(workspace.id);
  const base = `/w/${workspace.id}/leads`;
  const back = (
    <Link to={base} className="back-link">
      ← Back to leads
    </Link>
  );

  if (lead.isPending) return <LoadingState label="Loading lead…" />;
  if ([404, 422, 400].some((status) => isApiError(lead.error, { status }))) {
    return (
      <FullPageMessage title="Lead not found">
        <p>This lead does not exist in {workspace.name}.</p>
        {back}
      </FullPageMessage>
    );
  }
  if (lead.isError) return <ErrorState error={lead.error} onRetry={() => void lead.refetch()} />;

  const l = lead.data;
  return (
    <>
      {back}
      <header className="page-header lead-header">
        <div>
          <h1>{l.name}</h1>
          <div className="row">
            <StatusBadge status={l.status} />
            <AttentionBadges lead={l} />
            {l.company && <span className="muted">{l.company}</span>}
          </div>
        </div>
        <div className="page-actions lead-header-side">
          <section className="header-score" aria-labelledby="score-heading">
            <h2 id="score-heading" className="score-heading">
              Score
            </h2>
            <ScoreBreakdown score={l.score} />
          </section>
          {canWrite && (
            <Link className="btn" to={`${base}/${l.id}/edit`}>
              Edit lead
            </Link>
          )}
        </div>
      </header>

      <div className="lead-grid">
        <div className="stack">
          <LeadConversion workspaceId={workspace.id} lead={l} canWrite={canWrite} />
          <NextActionBlock lead={l} />
          {canWrite ? (
            <section className="card quick-controls" aria-label="Quick changes">
              <StatusControl workspaceId={workspace.id} lead={l} />
              <AssigneeControl workspaceId={workspace.id} lead={l} />
            </section>
          ) : null}
          <section className="card" aria-labelledby="contact-heading">
            <h2 id="contact-heading" className="h3">
              Contact
            </h2>
            <dl className="details">
              <div>
                <dt>Email</dt>
                <dd>{l.email ? <a href={`mailto:${l.email}`}>{l.email}</a> : '—'}</dd>
              </div>
              <div>
                <dt>Phone</dt>
                <dd>{l.phone ? <a href={`tel:${l.phone}`}>{l.phone}</a> : '—'}</dd>
              </div>
              <div>
                <dt>Company</dt>
                <dd>{l.company ?? '—'}</dd>
              </div>
              <div>
                <dt>Source</dt>
                <dd>{sourceLabel(sources.data, l.source)}</dd>
              </div>
              {!canWrite && (
                <>
                  <div>
                    <dt>Status</dt>
                    <dd>
                      <StatusBadge status={l.status} />
                    </dd>
                  </div>
                  <div>
                    <dt>Assignee</dt>
                    <dd>
                      <MemberName userId={l.assigneeId} members={members.data} none="Unassigned" />
                    </dd>
                  </div>
                </>
              )}
              <div>
                <dt>Created</dt>
                <dd>{formatDateTime(l.createdAt)}</dd>
              </div>
              <div>
                <dt>Last activity</dt>
                <dd>{formatDateTime(l.lastActivityAt)}</dd>
              </div>
            </dl>
          </section>
          <section className="card" aria-labelledby="notes-heading">
            <h2 id="notes-heading" className="h3">
              Notes
            </h2>
            {l.notes ? <p className="notes">{l.notes}</p> : <p className="muted">No notes.</p>}
            <h2 className="h3">Tags</h2>
            {l.tags.length > 0 ? (
              <ul className="tag-list" aria-label="Tags">
                {l.tags.map((tag) => (
                  <li key={tag} className="tag">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No tags.</p>
            )}
          </section>
        </div>
        <div className="stack">
          <EntityActivities entity={{ kind: 'lead', id: l.id }} links={{ leadId: l.id }} />
        </div>
      </div>
    </>
  );
}
