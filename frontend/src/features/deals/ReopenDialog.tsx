import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import type { DealView, StageView } from '../../api/types';

/**
 * A won or lost deal does not move: it is reopened explicitly (audited) into
 * an open stage. `suggested` is the open stage the user dropped it on, if any.
 */
export function ReopenDialog({
  deal,
  stages,
  suggested,
  pending,
  onConfirm,
  onCancel,
}: {
  deal: Pick<DealView, 'title' | 'status'>;
  stages: StageView[];
  suggested?: StageView;
  pending?: boolean;
  onConfirm: (stage: StageView) => void;
  onCancel: () => void;
}) {
  const open = stages.filter((s) => s.kind === 'open');
  const [stageId, setStageId] = useState(suggested?.kind === 'open' ? suggested.id : (open[0]?.id ?? ''));
  const selectId = useId();
  const stage = open.find((s) => s.id === stageId);
  return (
    <Dialog
      title="Reopen the deal?"
      onClose={onCancel}
      alert
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={pending || !stage} onClick={() => stage && onConfirm(stage)}>
            {pending ? 'Reopening…' : 'Reopen deal'}
          </button>
        </>
      }
    >
      <p>
        “{deal.title}” is {deal.status === 'won' ? 'won' : 'lost'}. A closed deal does not move between stages: reopen it first. Reopening is
        recorded in its history.
      </p>
      <div className="field">
        <label htmlFor={selectId}>Reopen into</label>
        <select id={selectId} value={stageId} onChange={(e) => setStageId(e.target.value)}>
          {open.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.probability}%)
            </option>
          ))}
        </select>
      </div>
    </Dialog>
  );
}
