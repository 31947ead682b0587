import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, isApiError, problemMessage } from '../../api/problem';
import type { BoardView, DealView, StageView } from '../../api/types';
import { useToast } from '../../components/toastContext';
import { boardStages, findDeal, movedDeal, needsNextAction, planMove, replaceDeal } from './board';
import { dealFilterKey, type BoardFilters } from './filters';
import type { LostChoice } from './LostReasonDialog';
import type { NextActionChoice } from './NextActionDialog';
import { dealChanged, dealKeys, moveDeal, reopenDeal } from './queries';

/** A drop that needs an answer first: why it was lost, the next step of a deal moving forward, or whether to reopen it. */
export type PendingMove =
  | { kind: 'lose'; deal: DealView; target: StageView }
  | { kind: 'advance'; deal: DealView; target: StageView; serverError?: string }
  | { kind: 'reopen'; deal: DealView; target?: StageView };

/** The server's word on the next action date of a refused move. */
export function nextActionProblem(error: unknown): string {
  const field = error instanceof ApiError ? error.problem.errors?.find((e) => e.field === 'nextActionDate') : undefined;
  return field?.message ?? problemMessage(error);
}

/**
 * The board's moves: optimistic in the cached board, rolled back with an
 * error toast when the server refuses; a lost stage or a closed deal first
 * asks (also when the server says so: 422 `deal.lost_reason_required`,
 * 409 `deal.closed`); so does a move forward without a next step (422
 * `deal.next_action_required`).
 */
export function useBoardMoves(workspaceId: string, board: BoardView, filters: BoardFilters) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [saving, setSaving] = useState(false);
  const key = dealKeys.board(workspaceId, board.pipeline.id, dealFilterKey(filters));

  async function commitMove(deal: DealView, target: StageView, lost?: LostChoice, next?: NextActionChoice) {
    await queryClient.cancelQueries({ queryKey: key });
    const optimistic = next ? { ...deal, nextActionDate: next.nextActionDate, nextActionText: next.nextActionText ?? deal.nextActionText } : deal;
    queryClient.setQueryData<BoardView>(key, (b) => (b ? replaceDeal(b, movedDeal(optimistic, target, lost?.label)) : b));
    setSaving(true);
    try {
      const saved = await moveDeal(workspaceId, deal.id, { stageId: target.id, ...lost?.body, ...next });
      setPending(null);
      await dealChanged(queryClient, workspaceId, saved);
      toast.success(target.kind === 'won' ? `“${deal.title}” won` : target.kind === 'lost' ? `“${deal.title}” lost` : `“${deal.title}” moved to ${target.name}`);
    } catch (error) {
      // Roll back to the deal as it was.
      queryClient.setQueryData<BoardView>(key, (b) => (b && findDeal(b, deal.id) ? replaceDeal(b, deal) : b));
      if (isApiError(error, { code: 'deal.lost_reason_required' })) setPending({ kind: 'lose', deal, target });
      else if (isApiError(error, { code: 'deal.next_action_required' })) setPending({ kind: 'advance', deal, target, serverError: nextActionProblem(error) });
      else if (isApiError(error, { code: 'deal.closed' })) setPending({ kind: 'reopen', deal, target });
      else {
        setPending(null);
        toast.error(`Could not move “${deal.title}”: ${problemMessage(error)}`);
      }
    } finally {
      setSaving(false);
    }
  }

  async function commitReopen(deal: DealView, target: StageView) {
    setSaving(true);
    try {
      const saved = await reopenDeal(workspaceId, deal.id, target.id);
      setPending(null);
      await dealChanged(queryClient, workspaceId, saved);
      toast.success(`“${deal.title}” reopened in ${target.name}`);
    } catch (error) {
      toast.error(`Could not reopen “${deal.title}”: ${problemMessage(error)}`);
    } finally {
      setSaving(false);
    }
  }

  /** A card dropped on a stage column. */
  function drop(dealId: string, stageId: string) {
    const deal = findDeal(board, dealId);
    const target = boardStages(board.pipeline).find((s) => s.id === stageId);
    if (!deal || !target) return;
    switch (planMove(deal, target)) {
      case 'move':
        if (needsNextAction(deal, target, board.pipeline)) setPending({ kind: 'advance', deal, target });
        else void commitMove(deal, target);
        break;
      case 'lose':
        setPending({ kind: 'lose', deal, target });
        break;
      case 'reopen':
        setPending({ kind: 'reopen', deal, target });
        break;
      case 'none':
        break;
    }
  }

  return { pending, setPending, saving, drop, commitMove, commitReopen };
}
