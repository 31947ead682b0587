import { addMoney, percentOf, subtractMoney } from './money';
import type { BoardColumnView, BoardView, DealView, MoneyView, PipelineView, DealStatus, StageView } from '../../api/types';

const KIND_ORDER: Record<DealStatus, number> = { open: 0, won: 1, lost: 2 };

/** Stages in board order: open stages by position, then won, then lost. */
export function boardStages(pipeline: Pick<PipelineView, 'stages'>): StageView[] {
  return [...pipeline.stages].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.position - b.position);
}

export function openStages(pipeline: Pick<PipelineView, 'stages'>): StageView[] {
  return boardStages(pipeline).filter((s) => s.kind === 'open');
}

export function stageOfKind(pipeline: Pick<PipelineView, 'stages'>, kind: 'won' | 'lost'): StageView | undefined {
  return pipeline.stages.find((s) => s.kind === kind);
}

/**
 * What dropping `deal` on `target` means:
 * - `none`: same stage, nothing to do;
 * - `move`: a plain move (open → open or open → won);
 * - `lose`: open → lost, which needs a reason first;
 * - `reopen`: the deal is won or lost; it must be reopened explicitly first.
 */
export type MovePlan = 'none' | 'move' | 'lose' | 'reopen';

export function planMove(deal: Pick<DealView, 'stageId' | 'status'>, target: Pick<StageView, 'id' | 'kind'>): MovePlan {
  if (deal.stageId === target.id) return 'none';
  if (deal.status !== 'open') return 'reopen';
  return target.kind === 'lost' ? 'lose' : 'move';
}

/** Today in the browser's calendar, as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Whether moving `deal` to `target` needs a next step first: an open deal
 * going forward to a later open stage of its pipeline must have a next
 * action date of today or later (the server answers 422
 * `deal.next_action_required` otherwise).
 */
export function needsNextAction(
  deal: Pick<DealView, 'stageId' | 'status' | 'nextActionDate'>,
  target: Pick<StageView, 'id' | 'kind' | 'position'>,
  pipeline: Pick<PipelineView, 'stages'>,
  today: string = todayIso(),
): boolean {
  if (deal.status !== 'open' || target.kind !== 'open') return false;
  const from = pipeline.stages.find((s) => s.id === deal.stageId);
  if (!from || from.kind !== 'open' || target.position <= from.position) return false;
  return !deal.nextActionDate || deal.nextActionDate < today;
}

/** The deal as the server will most likely return it after a move to `target` (for the optimistic board). */
export function movedDeal(deal: DealView, target: StageView, lostReason?: string | null): DealView {
  const probability = target.kind === 'open' ? (deal.probabilityOverride ?? target.probability) : target.probability;
  return {
    ...deal,
    stageId: target.id,
    stageName: target.name,
    status: target.kind,
    probability,
    weighted: { amount: percentOf(deal.amount.amount, probability), currency: deal.weighted.currency },
    lostReason: target.kind === 'lost' ? (lostReason ?? deal.lostReason) : null,
    stale: target.kind === 'open' ? deal.stale : false,
  };
}

/** A column's or the totals' figures with `deal` added (`sign` 1) or taken out (-1): a deal in another currency is counted, not summed. */
function adjusted<T extends { count: number; amount: MoneyView; weighted: MoneyView; otherCurrencyCount: number }>(
  figures: T,
  deal: DealView,
  currency: string,
  sign: 1 | -1,
): T {
  const combine = sign === 1 ? addMoney : subtractMoney;
  const foreign = deal.amount.currency !== currency;
  return {
    ...figures,
    count: Math.max(0, figures.count + sign),
    amount: foreign ? figures.amount : combine(figures.amount, deal.amount),
    weighted: foreign ? figures.weighted : combine(figures.weighted, deal.weighted),
    otherCurrencyCount: foreign ? Math.max(0, figures.otherCurrencyCount + sign) : figures.otherCurrencyCount,
  };
}

function withoutDeal(column: BoardColumnView, deal: DealView, currency: string): BoardColumnView {
  if (!column.deals.some((d) => d.id === deal.id)) return column;
  return { ...adjusted(column, deal, currency, -1), deals: column.deals.filter((d) => d.id !== deal.id) };
}

function withDeal(column: BoardColumnView, deal: DealView, currency: string): BoardColumnView {
  return { ...adjusted(column, deal, currency, 1), deals: [deal, ...column.deals] };
}

export function findDeal(board: BoardView, dealId: string): DealView | undefined {
  for (const column of board.columns) {
    const deal = column.deals.find((d) => d.id === dealId);
    if (deal) return deal;
  }
  return undefined;
}

/**
 * The board with `next` (a new version of one of its deals) in its column:
 * removed from the column it was in, put on top of its new stage's column,
 * column totals adjusted. The board's totals are the open pipeline only
 * (as the server counts them): a deal leaves them when it is won or lost and
 * comes back when it is reopened; an open-to-open move changes its weighted
 * amount. A deal just won or lost was closed today, so it belongs in the
 * won or lost column whatever the board's period.
 */
export function replaceDeal(board: BoardView, next: DealView): BoardView {
  const previous = findDeal(board, next.id);
  let columns = board.columns;
  if (previous) columns = columns.map((c) => (c.stageId === previous.stageId ? withoutDeal(c, previous, board.currency) : c));
  columns = columns.map((c) => (c.stageId === next.stageId ? withDeal(c, next, board.currency) : c));
  if (!previous) return { ...board, columns };
  let totals = board.totals;
  if (previous.status === 'open') totals = adjusted(totals, previous, board.currency, -1);
  if (next.status === 'open') totals = adjusted(totals, next, board.currency, 1);
  return { ...board, columns, totals };
}

/** Appends a further page of a column's deals (per-column "Load more"). */
export function appendColumnPage(board: BoardView, stageId: string, page: { data: DealView[]; nextCursor?: string | null }): BoardView {
  return {
    ...board,
    columns: board.columns.map((c) => {
      if (c.stageId !== stageId) return c;
      const known = new Set(c.deals.map((d) => d.id));
      return { ...c, deals: [...c.deals, ...page.data.filter((d) => !known.has(d.id))], nextCursor: page.nextCursor ?? null };
    }),
  };
}
