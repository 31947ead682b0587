import { useId } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { ErrorState, FullPageMessage, LoadingState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { EntityActivities } from '../activities/EntityActivities';
import { useMemberOptions } from '../leads/queries';
import { MemberName } from '../team/MemberName';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCanWriteCrm } from '../workspaces/permissions';
import { DealStatusBadge, StaleBadge } from './badges';
import type { ConvertedState } from './ConvertLeadDialog';
import { DealActions } from './DealActions';
import { formatMoney } from './money';
import { useDeal, usePipelines } from './queries';
import { StageProgress } from './StageProgress';
import type { DealView } from '../../api/types';

/** Island: money, dates, people and links of the deal. */
function DealDetailsIsland({ deal }: { deal: DealView }) {
  const { workspace } = useWorkspace();
  const members = useMemberOptions(workspace.id);
  const headingId = useId();
  const w = `/w/${workspace.id}`;
  return (
    <section className="card detail-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">
        Deal details
      </h2>
      <dl className="details">
        <div>
          <dt>Amount</dt>
          <dd>{formatMoney(deal.amount)}</dd>
        </div>
        <div>
          <dt>Weighted</dt>
          <dd>{formatMoney(deal.weighted)}</dd>
        </div>
        <div>
          <dt>Probability</dt>
          <dd>
            {deal.probability}%{deal.probabilityOverride !== null && deal.status === 'open' && <span className="muted small"> (set on the deal)</span>}
          </dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>{deal.stageName}</dd>
        </div>
        <div>
          <dt>Expected close</dt>
          <dd>{formatDate(deal.expectedCloseDate)}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>
            <MemberName userId={deal.ownerId} members={members.data} none="No owner" />
          </dd>
        </div>
        <div>
          <dt>Contact</dt>
          <dd>{deal.contactId ? <Link to={`${w}/contacts/${deal.contactId}`}>{deal.contactName ?? 'Contact'}</Link> : '—'}</dd>
        </div>
        <div>
          <dt>Company</dt>
          <dd>{deal.companyId ? <Link to={`${w}/companies/${deal.companyId}`}>{deal.companyName ?? 'Company'}</Link> : '—'}</dd>
        </div>
        {deal.leadId && (
          <div>
            <dt>Converted from</dt>
            <dd>
              <Link to={`${w}/leads/${deal.leadId}`}>The lead</Link>
            </dd>
          </div>
        )}
        {deal.status === 'lost' && (
          <div>
            <dt>Lost reason</dt>
            <dd>{deal.lostReason ?? '—'}</dd>
          </div>
        )}
        <div>
          <dt>Opened</dt>
          <dd>{formatDateTime(deal.openedAt)}</dd>
        </div>
        {deal.closedAt && (
          <div>
            <dt>Closed</dt>
            <dd>{formatDateTime(deal.closedAt)}</dd>
          </div>
        )}
      </dl>
      <h3 className="h3">Notes</h3>
      {deal.notes ? <p className="notes">{deal.notes}</p> : <p className="muted">No notes.</p>}
    </section>
  );
}

function NextActionIsland({ deal }: { deal: DealView }) {
  const headingId = useId();
  return (
    <section className={`card next-action${deal.stale ? ' next-action-stale' : ''}`} aria-labelledby={headingId}>
      <div className="row">
        <h2 id={headingId} className="h3">
          Next action
        </h2>
        <StaleBadge stale={deal.stale} />
      </div>
      {deal.nextActionDate || deal.nextActionText ? (
        <p className="next-action-body">
          <strong>{deal.nextActionDate ? formatDate(deal.nextActionDate) : 'No date'}</strong>
          {deal.nextActionText && <span> — {deal.nextActionText}</span>}
        </p>
      ) : (
        <p className="muted">No next action planned.</p>
      )}
      {deal.stale && <p className="muted small">No update for two weeks: follow up or update the deal.</p>}
    </section>
  );
}

/** Right after a lead conversion: what was created or linked, with links. */
function ConvertedNotice({ workspaceId }: { workspaceId: string }) {
  const location = useLocation();
  const converted = (location.state as Partial<ConvertedState> | null)?.converted;
  if (!converted) return null;
  const w = `/w/${workspaceId}`;
  return (
    <div className="notice" role="status">
      Lead converted. Contact <Link to={`${w}/contacts/${converted.contactId}`}>{converted.contactName}</Link>{' '}
      {converted.contactCreated ? 'created' : 'linked'}
      {converted.companyId && (
        <>
          , company <Link to={`${w}/companies/${converted.companyId}`}>{converted.companyName ?? 'company'}</Link>{' '}
          {converted.companyCreated ? 'created' : 'linked'}
        </>
      )}
      .
    </div>
  );
}

/** Deal 360°: header with stage progress and actions, then islands (details, next action, activities & timeline). */
export function DealDetailPage() {
  const { dealId = '' } = useParams();
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const deal = useDeal(workspace.id, dealId);
  const pipelines = usePipelines(workspace.id);
  const base = `/w/${workspace.id}/deals`;
  const back = (
    <Link to={base} className="back-link">
      ← Back to deals
    </Link>
  );
  if (deal.isPending) return <LoadingState label="Loading deal…" />;
  if ([400, 404, 422].some((status) => isApiError(deal.error, { status }))) {
    return (
      <FullPageMessage title="Deal not found">
        <p>This deal does not exist in {workspace.name}.</p>
        {back}
      </FullPageMessage>
    );
  }
  if (deal.isError) return <ErrorState error={deal.error} onRetry={() => void deal.refetch()} />;
  const d = deal.data;
  const pipeline = pipelines.data?.find((p) => p.id === d.pipelineId);
  const links = { dealId: d.id, ...(d.contactId ? { contactId: d.contactId } : {}), ...(d.companyId ? { companyId: d.companyId } : {}) };
  const linkedTo = [d.contactName, d.companyName].filter(Boolean);
  return (
    <>
      <Link to={`${base}?pipeline=${d.pipelineId}`} className="back-link">
        ← Back to the board
      </Link>
      <header className="page-header deal-header">
        <div className="stack">
          <h1>{d.title}</h1>
          <div className="row">
            <DealStatusBadge status={d.status} />
            <StaleBadge stale={d.stale} />
            <strong>{formatMoney(d.amount)}</strong>
            <span className="muted">
              weighted {formatMoney(d.weighted)} · {d.probability}%
            </span>
            {d.expectedCloseDate && <span className="muted">closes {formatDate(d.expectedCloseDate)}</span>}
          </div>
          {pipeline && <StageProgress pipeline={pipeline} deal={d} />}
        </div>
        {canWrite && (
          <div className="page-actions">
            {pipeline && <DealActions workspaceId={workspace.id} deal={d} pipeline={pipeline} />}
            <Link className="btn" to={`${base}/${d.id}/edit`}>
              Edit deal
            </Link>
          </div>
        )}
      </header>
      <ConvertedNotice workspaceId={workspace.id} />
      {pipelines.isError && <ErrorState title="Could not load the pipeline" error={pipelines.error} onRetry={() => void pipelines.refetch()} />}
      <div className="lead-grid">
        <div className="stack">
          <NextActionIsland deal={d} />
          <DealDetailsIsland deal={d} />
        </div>
        <div className="stack">
          <EntityActivities
            entity={{ kind: 'deal', id: d.id }}
            links={links}
            linkNote={linkedTo.length > 0 ? `Linked to this deal and ${linkedTo.join(' and ')}.` : undefined}
          />
        </div>
      </div>
    </>
  );
}
