import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { formatDay } from '../../lib/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useDebounced } from '../companies/queries';
import { CompanyPicker } from '../companies/CompanyPicker';
import { ContactPicker } from '../contacts/ContactPicker';
import { useMemberOptions } from '../leads/queries';
import { MemberPicker } from '../team/MemberPicker';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCanWriteCrm } from '../workspaces/permissions';
import { Board } from './Board';
import {
  boardFiltersToParams,
  clearedBoardFilters,
  CLOSED_PERIODS,
  closedPeriodOf,
  closedSinceFor,
  hasActiveBoardFilters,
  parseBoardFilters,
  type BoardFilters,
  type ClosedPeriod,
} from './filters';
import { formatMoney } from './money';
import { useBoard, usePipelines } from './queries';
import type { BoardView, PipelineView } from '../../api/types';

const SEARCH_DELAY_MS = 350;

/** Search as you type: the URL (and the board) follow once typing pauses. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const debounced = useDebounced(draft.trim(), SEARCH_DELAY_MS);
  const id = useId();
  // The URL changed under us ("Clear filters", back button): follow it. Not a
  // remount, so typing keeps its focus while the board refreshes.
  if (value !== seen) {
    setSeen(value);
    if (value !== draft.trim()) setDraft(value);
  }
  useEffect(() => {
    if (debounced !== value) onSearch(debounced);
    // Only a settled draft triggers a search; `value` changes come from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return (
    <div className="search-form" role="search">
      <label htmlFor={id} className="visually-hidden">
        Search deals
      </label>
      <input id={id} type="search" placeholder="Search deal titles" value={draft} onChange={(e) => setDraft(e.target.value)} />
    </div>
  );
}

function BoardFiltersBar({
  filters,
  onChange,
  pipelines,
  pipelineId,
}: {
  filters: BoardFilters;
  onChange: (next: BoardFilters) => void;
  pipelines: PipelineView[];
  pipelineId: string;
}) {
  const ids = { pipeline: useId(), stale: useId(), open: useId() };
  return (
    <div className="filters" role="group" aria-label="Deal filters">
      <SearchBox value={filters.q} onSearch={(q) => onChange({ ...filters, q })} />
      <div className="filter-row">
        <div className="filter">
          <label htmlFor={ids.pipeline}>Pipeline</label>
          <select id={ids.pipeline} value={pipelineId} onChange={(e) => onChange({ ...filters, pipeline: e.target.value })}>
            {pipelines.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <MemberPicker label="Owner" noneLabel="Anyone" value={filters.owner} onChange={(owner) => onChange({ ...filters, owner })} />
        </div>
        <div className="filter">
          <CompanyPicker label="Company" noneLabel="Any company" value={filters.company} onChange={(company) => onChange({ ...filters, company })} />
        </div>
        <div className="filter">
          <ContactPicker label="Contact" noneLabel="Any contact" value={filters.contact} onChange={(contact) => onChange({ ...filters, contact })} />
        </div>
        {!filters.openOnly && <PeriodFilter value={filters.closedSince} onChange={(closedSince) => onChange({ ...filters, closedSince })} />}
        <label className="checkbox filter-toggle" htmlFor={ids.open}>
          <input id={ids.open} type="checkbox" checked={filters.openOnly} onChange={(e) => onChange({ ...filters, openOnly: e.target.checked })} />
          Open deals only
        </label>
        <label className="checkbox filter-toggle" htmlFor={ids.stale}>
          <input id={ids.stale} type="checkbox" checked={filters.stale} onChange={(e) => onChange({ ...filters, stale: e.target.checked })} />
          Stale only
        </label>
        {hasActiveBoardFilters(filters) && (
          <button type="button" className="btn btn-small" onClick={() => onChange(clearedBoardFilters(filters))}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

function PeriodFilter({ value, onChange }: { value: string; onChange: (closedSince: string) => void }) {
  const id = useId();
  const period = closedPeriodOf(value);
  return (
    <div className="filter">
      <label htmlFor={id}>Won and lost</label>
      <select
        id={id}
        value={period}
        onChange={(e) => {
          const next = e.target.value as ClosedPeriod | 'custom';
          if (next !== 'custom') onChange(closedSinceFor(next));
        }}
      >
        {CLOSED_PERIODS.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
        {/* A date from a shared link that is none of the periods today: shown as itself. */}
        {period === 'custom' && <option value="custom">Since {formatDay(value)}</option>}
      </select>
    </div>
  );
}

/** The headline: the open pipeline only (won and lost deals are not a forecast). */
function BoardSummary({ board }: { board: BoardView }) {
  const other = board.totals.otherCurrencyCount;
  return (
    <div className="board-summary">
      <dl className="stats" aria-label="Open pipeline totals">
        <div className="stat">
          <dt>Open deals</dt>
          <dd>{board.totals.count}</dd>
        </div>
        <div className="stat">
          <dt>Open pipeline</dt>
          <dd>{formatMoney(board.totals.amount)}</dd>
        </div>
        <div className="stat">
          <dt>Weighted forecast</dt>
          <dd>{formatMoney(board.totals.weighted)}</dd>
        </div>
      </dl>
      {other > 0 && (
        <p className="muted small">
          {other === 1 ? '1 deal' : `${other} deals`} in other currencies not included (amounts in {board.currency} only).
        </p>
      )}
    </div>
  );
}

export function DealsBoardPage() {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const [params, setParams] = useSearchParams();
  const filters = parseBoardFilters(params);
  const setFilters = (next: BoardFilters) => setParams(boardFiltersToParams(next), { replace: next.q !== filters.q });
  const pipelines = usePipelines(workspace.id);
  const members = useMemberOptions(workspace.id);
  const pipeline = pipelines.data?.find((p) => p.id === filters.pipeline) ?? pipelines.data?.[0];
  const board = useBoard(workspace.id, pipeline?.id, filters);
  const base = `/w/${workspace.id}/deals`;
  const newDeal = canWrite && (
    <Link className="btn btn-primary" to={`${base}/new${pipeline ? `?pipeline=${pipeline.id}` : ''}`}>
      New deal
    </Link>
  );

  let body;
  if (pipelines.isPending) body = <LoadingState label="Loading pipelines…" />;
  else if (pipelines.isError) body = <ErrorState title="Could not load the pipelines" error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  else if (!pipeline) body = <EmptyState title="No pipeline yet">An owner can add one in the workspace settings.</EmptyState>;
  else {
    let boardBody;
    if (board.isPending) boardBody = <LoadingState label="Loading the board…" />;
    else if (board.isError) boardBody = <ErrorState title="Could not load the board" error={board.error} onRetry={() => void board.refetch()} />;
    else
      boardBody = (
        <>
          <BoardSummary board={board.data} />
          {(filters.openOnly ? board.data.totals.count === 0 : board.data.columns.every((c) => c.count === 0)) &&
            (hasActiveBoardFilters(filters) ? (
              <EmptyState title="No deals match these filters">Change or clear the filters to see more deals.</EmptyState>
            ) : (
              <EmptyState title="No deals yet">
                <p>Deals are opportunities you work towards closing. Convert a qualified lead or add a deal.</p>
                {newDeal}
              </EmptyState>
            ))}
          <div aria-busy={board.isPlaceholderData || undefined}>
            <Board board={board.data} filters={filters} workspaceId={workspace.id} members={members.data} canWrite={canWrite && !board.isPlaceholderData} />
          </div>
        </>
      );
    body = (
      <>
        <BoardFiltersBar filters={filters} onChange={setFilters} pipelines={pipelines.data} pipelineId={pipeline.id} />
        {boardBody}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Deals"
        description={canWrite ? 'Drag a card (or use its handle with the keyboard) to move a deal to another stage.' : 'The pipeline, stage by stage.'}
        actions={newDeal}
      />
      {body}
    </>
  );
}
