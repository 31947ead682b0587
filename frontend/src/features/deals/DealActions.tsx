import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { isApiError, problemMessage } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/toastContext';
import { boardStages, needsNextAction, stageOfKind } from './board';
import { LostReasonDialog } from './LostReasonDialog';
import { NextActionDialog, type NextActionChoice } from './NextActionDialog';
import { nextActionProblem } from './useBoardMoves';
import { dealKeys, useMoveDeal, useReopenDeal } from './queries';
import { ReopenDialog } from './ReopenDialog';
import type { DealView, PipelineView, StageView } from '../../api/types';

type Open = null | 'win' | 'lose' | 'reopen' | 'advance';

/** Move / Win / Lose on an open deal; Reopen on a won or lost one. */
export function DealActions({ workspaceId, deal, pipeline }: { workspaceId: string; deal: DealView; pipeline: PipelineView }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const move = useMoveDeal(workspaceId, deal.id);
  const reopen = useReopenDeal(workspaceId);
  const [open, setOpen] = useState<Open>(null);
  const [lostTarget, setLostTarget] = useState<StageView | undefined>(undefined);
  const selectId = useId();
  const stages = boardStages(pipeline);
  const won = stageOfKind(pipeline, 'won');
  const lost = stageOfKind(pipeline, 'lost');
  const others = stages.filter((s) => s.kind === 'open' && s.id !== deal.stageId);
  const [target, setTarget] = useState('');
  const [advance, setAdvance] = useState<{ stage: StageView; serverError?: string } | null>(null);

  function moveTo(stage: StageView, extra: { lostReasonId?: string; lostReasonOther?: string } | NextActionChoice = {}) {
    move.mutate(
      { stageId: stage.id, ...extra },
      {
        onSuccess: () => {
          setOpen(null);
          setAdvance(null);
          setTarget('');
          toast.success(stage.kind === 'won' ? `“${deal.title}” won` : stage.kind === 'lost' ? `“${deal.title}” lost` : `“${deal.title}” moved to ${stage.name}`);
        },
        onError: (error) => {
          if (isApiError(error, { code: 'deal.lost_reason_required' })) {
            setLostTarget(stage);
            setOpen('lose');
            return;
          }
          if (isApiError(error, { code: 'deal.next_action_required' })) {
            setAdvance({ stage, serverError: nextActionProblem(error) });
            setOpen('advance');
            return;
          }
          if (isApiError(error, { code: 'deal.closed' })) {
            // Closed meanwhile (another tab, another member): show it as it is now; Reopen is offered then.
            setOpen(null);
            toast.error(`“${deal.title}” is already closed: reopen it first.`);
            void queryClient.invalidateQueries({ queryKey: dealKeys.detail(workspaceId, deal.id) });
            return;
          }
          setOpen(null);
          toast.error(`Could not move “${deal.title}”: ${problemMessage(error)}`);
        },
      },
    );
  }

  if (deal.status !== 'open') {
    return (
      <>
        <button type="button" className="btn" onClick={() => setOpen('reopen')}>
          Reopen
        </button>
        {open === 'reopen' && (
          <ReopenDialog
            deal={deal}
            stages={stages}
            pending={reopen.isPending}
            onCancel={() => setOpen(null)}
            onConfirm={(stage) =>
              reopen.mutate(
                { dealId: deal.id, stageId: stage.id },
                {
                  onSuccess: () => {
                    setOpen(null);
                    toast.success(`“${deal.title}” reopened in ${stage.name}`);
                  },
                  onError: (error) => toast.error(`Could not reopen “${deal.title}”: ${problemMessage(error)}`),
                },
              )
            }
          />
        )}
      </>
    );
  }

  const chosen = others.find((s) => s.id === target);
  return (
    <>
      <form
        className="inline-form"
        aria-label="Move to another stage"
        onSubmit={(e) => {
          e.preventDefault();
          if (!chosen) return;
          if (needsNextAction(deal, chosen, pipeline)) {
            setAdvance({ stage: chosen });
            setOpen('advance');
          } else moveTo(chosen);
        }}
      >
        <label htmlFor={selectId} className="visually-hidden">
          Move to stage
        </label>
        <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Move to…</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.probability}%)
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={!chosen || move.isPending}>
          Move
        </button>
      </form>
      {won && (
        <button type="button" className="btn btn-primary" onClick={() => setOpen('win')}>
          Win
        </button>
      )}
      {lost && (
        <button
          type="button"
          className="btn btn-danger-outline"
          onClick={() => {
            setLostTarget(lost);
            setOpen('lose');
          }}
        >
          Lose
        </button>
      )}
      {open === 'win' && won && (
        <ConfirmDialog
          title={`Mark “${deal.title}” as won?`}
          confirmLabel="Mark as won"
          pending={move.isPending}
          onCancel={() => setOpen(null)}
          onConfirm={() => moveTo(won)}
        >
          <p>The deal moves to {won.name} and counts towards the lifetime value of its contact and company.</p>
        </ConfirmDialog>
      )}
      {open === 'advance' && advance && (
        <NextActionDialog
          dealTitle={deal.title}
          stageName={advance.stage.name}
          initialText={deal.nextActionText}
          serverError={advance.serverError}
          pending={move.isPending}
          onCancel={() => setOpen(null)}
          onConfirm={(next) => moveTo(advance.stage, next)}
        />
      )}
      {open === 'lose' && lostTarget && (
        <LostReasonDialog
          dealTitle={deal.title}
          stageName={lostTarget.name}
          pending={move.isPending}
          onCancel={() => setOpen(null)}
          onConfirm={(choice) => moveTo(lostTarget, choice.body)}
        />
      )}
    </>
  );
}
