import { boardStages } from './board';
import type { DealView, PipelineView } from '../../api/types';

/** The pipeline's open stages as steps, then where the deal ended (won / lost) once closed. */
export function StageProgress({ pipeline, deal }: { pipeline: PipelineView; deal: Pick<DealView, 'stageId' | 'status'> }) {
  const stages = boardStages(pipeline);
  const open = stages.filter((s) => s.kind === 'open');
  const currentIndex = open.findIndex((s) => s.id === deal.stageId);
  const closing = deal.status === 'open' ? undefined : stages.find((s) => s.id === deal.stageId);
  return (
    <ol className="stage-progress" aria-label="Stage progress">
      {open.map((stage, index) => {
        const state = stage.id === deal.stageId ? 'current' : deal.status === 'won' || index < currentIndex ? 'done' : 'todo';
        return (
          <li key={stage.id} className={`stage-step stage-step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            {stage.name}
            {state === 'done' && <span className="visually-hidden"> (passed)</span>}
          </li>
        );
      })}
      {closing && (
        <li className={`stage-step stage-step-${closing.kind}`} aria-current="step">
          {closing.name}
        </li>
      )}
    </ol>
  );
}
