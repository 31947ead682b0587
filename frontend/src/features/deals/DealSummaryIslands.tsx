import { useId } from 'react';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCanWriteCrm } from '../workspaces/permissions';
import { StaleBadge } from './badges';
import { formatMoney } from './money';
import { useDealSummary } from './queries';
import type { DealSummaryView, DealView, MoneyView } from '../../api/types';

function DealList({ deals, label, workspaceId }: { deals: DealView[]; label: string; workspaceId: string }) {
  return (
    <ul className="contact-list" aria-label={label}>
      {deals.map((deal) => (
        <li key={deal.id}>
          <Link to={`/w/${workspaceId}/deals/${deal.id}`}>{deal.title}</Link>{' '}
          <span className="muted small">
            · {deal.stageName} · {formatMoney(deal.amount)}
            {deal.status === 'open' && ` (${deal.probability}%)`}
            {deal.status === 'won' && deal.closedAt && ` · won ${formatDate(deal.closedAt)}`}
          </span>{' '}
          <StaleBadge stale={deal.stale} />
        </li>
      ))}
    </ul>
  );
}

/** Amounts in other currencies, listed beside a total and never dropped: "+ 250.50 USD, not converted". */
function OtherCurrencies({ amounts, label }: { amounts: MoneyView[]; label: string }) {
  if (amounts.length === 0) return null;
  return (
    <ul className="other-currencies muted small" aria-label={label}>
      {amounts.map((m) => (
        <li key={m.currency}>
          + {m.amount} {m.currency}, not converted
        </li>
      ))}
    </ul>
  );
}

function Totals({ summary, withWon }: { summary: DealSummaryView; withWon: boolean }) {
  return (
    <dl className="details" aria-label="Deal totals">
      <div>
        <dt>Open deals</dt>
        <dd>{summary.open.count}</dd>
      </div>
      <div>
        <dt>Open amount</dt>
        <dd>
          {formatMoney(summary.open.amount)}
          <OtherCurrencies amounts={summary.openOther} label="Open amount in other currencies" />
        </dd>
      </div>
      <div>
        <dt>Weighted</dt>
        <dd>
          {formatMoney(summary.open.weighted)}
          {summary.open.otherCurrencyCount > 0 && (
            <span className="muted small">
              {' '}
              (without {summary.open.otherCurrencyCount === 1 ? '1 deal' : `${summary.open.otherCurrencyCount} deals`} in other currencies)
            </span>
          )}
        </dd>
      </div>
      {withWon && (
        <div>
          <dt>Won deals</dt>
          <dd>{summary.won.count}</dd>
        </div>
      )}
      <div>
        <dt>Lifetime value</dt>
        <dd>
          {formatMoney(summary.lifetimeValue)}
          <OtherCurrencies amounts={summary.lifetimeValueOther} label="Lifetime value in other currencies" />
        </dd>
      </div>
      {withWon && (
        <div>
          <dt>Lost deals</dt>
          <dd>{summary.lostCount}</dd>
        </div>
      )}
    </dl>
  );
}

function DealsIsland({ kind, id, title }: { kind: 'contact' | 'company'; id: string; title: string }) {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const summary = useDealSummary(workspace.id, kind, id);
  const headingId = useId();
  let body;
  if (summary.isPending) body = <LoadingState label="Loading deals…" />;
  else if (summary.isError) body = <ErrorState title="Could not load the deals" error={summary.error} onRetry={() => void summary.refetch()} />;
  else {
    const s = summary.data;
    const none = s.open.count === 0 && s.won.count === 0 && s.lostCount === 0;
    body = none ? (
      <EmptyState title="No deals yet" />
    ) : (
      <>
        <Totals summary={s} withWon={kind === 'contact'} />
        <h3 className="h3">Open deals</h3>
        {s.openDeals.length > 0 ? (
          <>
            <DealList deals={s.openDeals} label="Open deals" workspaceId={workspace.id} />
            {/* The summary lists the first few; the board filtered to this record has them all. */}
            <Link to={`/w/${workspace.id}/deals?${kind}Id=${id}&status=open`}>
              {s.open.count > s.openDeals.length ? `View all ${s.open.count} open deals` : 'View on the board'}
            </Link>
          </>
        ) : (
          <p className="muted">No open deals.</p>
        )}
        {kind === 'contact' && (
          <>
            <h3 className="h3">Won deals</h3>
            {s.wonDeals.length > 0 ? (
              <DealList deals={s.wonDeals} label="Won deals" workspaceId={workspace.id} />
            ) : (
              <p className="muted">No won deals yet.</p>
            )}
          </>
        )}
      </>
    );
  }
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <div className="row island-header">
        <h2 id={headingId} className="h3">
          {title}
        </h2>
        {canWrite && (
          <Link className="btn btn-small" to={`/w/${workspace.id}/deals/new?${kind}=${id}`}>
            Add deal
          </Link>
        )}
      </div>
      {body}
    </section>
  );
}

/** Contact 360° island: the contact's pipeline, won deals and lifetime value. */
export function ContactDealsIsland({ contactId }: { contactId: string }) {
  return <DealsIsland kind="contact" id={contactId} title="Related deals" />;
}

/** Company 360° island: open deals and the lifetime value of won ones. */
export function CompanyDealsIsland({ companyId }: { companyId: string }) {
  return <DealsIsland kind="company" id={companyId} title="Open deals" />;
}
