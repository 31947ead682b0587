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
import { useId, useState } from 'react';
import { problemMessage } from '../../api/problem';
import type { BoardColumnView, BoardView, MemberView, StageView } from '../../api/types';
import { useToast } from '../../components/toastContext';
import { boardStages, findDeal } from './board';
import { DealCard, DealCardBody } from './DealCard';
import { closedPeriodLabel, type BoardFilters } from './filters';
import { columnCoordinates } from './keyboard';
import { LostReasonDialog } from './LostReasonDialog';
import { NextActionDialog } from './NextActionDialog';
import { formatMoney } from './money';
import { useLoadMoreColumn } from './queries';
import { ReopenDialog } from './ReopenDialog';
import { useBoardMoves } from './useBoardMoves';

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
  closedSince,
}: {
  stage: StageView;
  column: BoardColumnView;
  closedSince: string;
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
        {stage.kind !== 'open' && <p className="muted small column-period">{closedPeriodLabel(closedSince)}</p>}
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
        {column.otherCurrencyCount > 0 && (
          <p className="muted small">
            {column.otherCurrencyCount} in other currencies, not in the amounts
          </p>
        )}
      </header>
      {column.deals.length === 0 ? (
        <p className="muted small board-empty">No deals in this stage.</p>
      ) : (
        <ul className="deal-cards" aria-label={`Deals in ${stage.name}`}>
          {column.deals.map((deal) => (
            <DealCard key={deal.id} deal={deal} workspaceId={workspaceId} members={members} disabled={!canWrite} />
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
  const toast = useToast();
  const [activeId, setActiveId] = useState<string | null>(null);
  const { pending, setPending, saving, drop, commitMove, commitReopen } = useBoardMoves(workspaceId, board, filters);
  const loadMore = useLoadMoreColumn(workspaceId, board.pipeline.id, filters);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Instant scrolling: the board scrolls under the card when it nears the edge, and the next key must see where it landed.
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates, scrollBehavior: 'auto' }),
  );
  const stages = boardStages(board.pipeline);
  const shown = filters.openOnly ? stages.filter((s) => s.kind === 'open') : stages;
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const activeDeal = activeId ? findDeal(board, activeId) : undefined;

  const titleOf = (id: string | number) => findDeal(board, String(id))?.title ?? 'the deal';
  const stageName = (id: string | number | undefined) => (id === undefined ? undefined : stageById.get(String(id))?.name);
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)} in ${stageName(findDeal(board, String(active.id))?.stageId) ?? 'its stage'}.`,
    onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over ${stageName(over.id)}.` : `${titleOf(active.id)} is not over a stage.`),
    onDragEnd: ({ active, over }) => (over ? `${titleOf(active.id)} dropped on ${stageName(over.id)}.` : `${titleOf(active.id)} dropped back.`),
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} was cancelled.`,
  };

  function onDragStart(event: DragStartEvent) {
    setActiveId(String(event.active.id));
  }

  function onDragEnd(event: DragEndEvent) {
    setActiveId(null);
    if (event.over) drop(String(event.active.id), String(event.over.id));
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
          {shown.map((stage) => {
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
                closedSince={board.closedSince}
                loadingMore={loadMore.isPending && loadMore.variables?.stageId === stage.id}
                onLoadMore={() =>
                  column.nextCursor &&
                  loadMore.mutate(
                    // Won and lost columns hold the board's period only: their pages too.
                    { stageId: stage.id, cursor: column.nextCursor, ...(stage.kind !== 'open' ? { closedSince: board.closedSince } : {}) },
                    { onError: (error) => toast.error(`Could not load more deals: ${problemMessage(error)}`) },
                  )
                }
              />
            );
          })}
        </div>
        {/* Below the dialogs (z-index 50) a drop may open, so the card's drop
            animation never draws over the lost-reason or next-step dialog. */}
        <DragOverlay zIndex={40}>
          {activeDeal ? (
            <div className="deal-card deal-card-overlay">
              <DealCardBody deal={activeDeal} workspaceId={workspaceId} members={members} />
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
      {pending?.kind === 'advance' && (
        <NextActionDialog
          dealTitle={pending.deal.title}
          stageName={pending.target.name}
          initialText={pending.deal.nextActionText}
          serverError={pending.serverError}
          pending={saving}
          onCancel={() => setPending(null)}
          onConfirm={(next) => void commitMove(pending.deal, pending.target, undefined, next)}
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
