import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  rectIntersection,
  pointerWithin,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { isApiError, problemMessage } from '../../api/problem';
import type { MemberView } from '../../api/types';
import { useToast } from '../../components/toastContext';
import { memberName } from '../leads/queries';
import { boardStages, findDeal, movedDeal, planMove, replaceDeal } from './board';
import { DealCard, DealCardBody } from './DealCard';
import { dealFilterKey, type BoardFilters } from './filters';
import { columnCoordinates } from './keyboard';
import { LostReasonDialog, type LostChoice } from './LostReasonDialog';
import { formatMoney } from './money';
import { dealChanged, dealKeys, moveDeal, reopenDeal, useLoadMoreColumn } from './queries';
import { ReopenDialog } from './ReopenDialog';
import type { BoardColumnView, BoardView, DealView, StageView } from './types';

const KIND_CLASS = { open: '', won: ' board-column-won', lost: ' board-column-lost' } as const;

// Pointer: the column under the pointer; keyboard (no pointer): the column the card overlaps most.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

function Column({
  stage,
  column,
  workspaceId,
  members,
  canWrite,
  onLoadMore,
  loadingMore,
}: {
  stage: StageView;
  column: BoardColumnView;
  workspaceId: string;
  members: readonly MemberView[] | undefined;
  canWrite: boolean;
  onLoadMore: () => void;
  loadingMore: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const headingId = useId();
  return (
    <section
      ref={setNodeRef}
      className={`board-column${KIND_CLASS[stage.kind]}${isOver ? ' board-column-over' : ''}`}
      aria-labelledby={headingId}
    >
      <header className="board-column-header">
        <h2 id={headingId} className="h3">
          {stage.name} <span className="muted small">{stage.probability}%</span>
        </h2>
        <dl className="column-totals small">
          <div>
            <dt>Deals</dt>
            <dd>{column.count}</dd>
          </div>
          <div>
            <dt>Amount</dt>
            <dd>{formatMoney(column.amount)}</dd>
          </div>
          <div>
            <dt>Weighted</dt>
            <dd>{formatMoney(column.weighted)}</dd>
          </div>
        </dl>
      </header>
      {column.deals.length === 0 ? (
        <p className="muted small board-empty">No deals in this stage.</p>
      ) : (
        <ul className="deal-cards" aria-label={`Deals in ${stage.name}`}>
          {column.deals.map((deal) => (
            <DealCard key={deal.id} deal={deal} workspaceId={workspaceId} ownerName={memberName(members, deal.ownerId)} disabled={!canWrite} />
          ))}
        </ul>
      )}
      {column.nextCursor && (
        <button type="button" className="btn btn-small" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : `Load more in ${stage.name}`}
        </button>
      )}
    </section>
  );
}

type Pending = { kind: 'lose'; deal: DealView; target: StageView } | { kind: 'reopen'; deal: DealView; target?: StageView };

/** The kanban: one droppable column per stage, draggable cards, optimistic moves. */
export function Board({
  board,
  filters,
  workspaceId,
  members,
  canWrite,
}: {
  board: BoardView;
  filters: BoardFilters;
  workspaceId: string;
  members: readonly MemberView[] | undefined;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [saving, setSaving] = useState(false);
  const loadMore = useLoadMoreColumn(workspaceId, board.pipeline.id, filters);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );
  const stages = boardStages(board.pipeline);
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const key = dealKeys.board(workspaceId, board.pipeline.id, dealFilterKey(filters));
  const activeDeal = activeId ? findDeal(board, activeId) : undefined;

  const titleOf = (id: string | number) => findDeal(board, String(id))?.title ?? 'the deal';
  const stageName = (id: string | number | undefined) => (id === undefined ? undefined : stageById.get(String(id))?.name);
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)} in ${stageName(findDeal(board, String(active.id))?.stageId) ?? 'its stage'}.`,
    onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over ${stageName(over.id)}.` : `${titleOf(active.id)} is not over a stage.`),
    onDragEnd: ({ active, over }) => (over ? `${titleOf(active.id)} dropped on ${stageName(over.id)}.` : `${titleOf(active.id)} dropped back.`),
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} was cancelled.`,
  };

  async function commitMove(deal: DealView, target: StageView, lost?: LostChoice) {
    await queryClient.cancelQueries({ queryKey: key });
    queryClient.setQueryData<BoardView>(key, (b) => (b ? replaceDeal(b, movedDeal(deal, target, lost?.label)) : b));
    setSaving(true);
    try {
      const saved = await moveDeal(workspaceId, deal.id, { stageId: target.id, ...lost?.body });
      setPending(null);
      await dealChanged(queryClient, workspaceId, saved);
      toast.success(target.kind === 'won' ? `“${deal.title}” won` : target.kind === 'lost' ? `“${deal.title}” lost` : `“${deal.title}” moved to ${target.name}`);
    } catch (error) {
      // Roll back to the deal as it was.
      queryClient.setQueryData<BoardView>(key, (b) => (b && findDeal(b, deal.id) ? replaceDeal(b, deal) : b));
      if (isApiError(error, { code: 'deal.lost_reason_required' })) setPending({ kind: 'lose', deal, target });
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

  function onDragStart(event: DragStartEvent) {
    setActiveId(String(event.active.id));
  }

  function onDragEnd(event: DragEndEvent) {
    setActiveId(null);
    const deal = findDeal(board, String(event.active.id));
    const target = event.over ? stageById.get(String(event.over.id)) : undefined;
    if (!deal || !target) return;
    switch (planMove(deal, target)) {
      case 'move':
        void commitMove(deal, target);
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

  return (
    <>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActiveId(null)}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'To move a deal, press space or enter. Use the left and right arrow keys to choose a stage, then space or enter to drop it there. Press escape to cancel.',
          },
        }}
      >
        <div className="board" role="group" aria-label={`${board.pipeline.name} board`}>
          {stages.map((stage) => {
            const column = board.columns.find((c) => c.stageId === stage.id);
            if (!column) return null;
            return (
              <Column
                key={stage.id}
                stage={stage}
                column={column}
                workspaceId={workspaceId}
                members={members}
                canWrite={canWrite}
                loadingMore={loadMore.isPending && loadMore.variables?.stageId === stage.id}
                onLoadMore={() =>
                  column.nextCursor &&
                  loadMore.mutate(
                    { stageId: stage.id, cursor: column.nextCursor },
                    { onError: (error) => toast.error(`Could not load more deals: ${problemMessage(error)}`) },
                  )
                }
              />
            );
          })}
        </div>
        <DragOverlay>
          {activeDeal ? (
            <div className="deal-card deal-card-overlay">
              <DealCardBody deal={activeDeal} workspaceId={workspaceId} ownerName={memberName(members, activeDeal.ownerId)} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      {pending?.kind === 'lose' && (
        <LostReasonDialog
          dealTitle={pending.deal.title}
          stageName={pending.target.name}
          pending={saving}
          onCancel={() => setPending(null)}
          onConfirm={(choice) => void commitMove(pending.deal, pending.target, choice)}
        />
      )}
      {pending?.kind === 'reopen' && (
        <ReopenDialog
          deal={pending.deal}
          stages={stages}
          suggested={pending.target}
          pending={saving}
          onCancel={() => setPending(null)}
          onConfirm={(stage) => void commitReopen(pending.deal, stage)}
        />
      )}
    </>
  );
}
