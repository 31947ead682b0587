import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError, problemMessage } from '../../api/problem';
import { Badge } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { OwnerOnly } from '../workspaces/OwnerOnly';
import { useWorkspace } from '../workspaces/workspaceContext';
import { boardStages } from './board';
import { LostReasonsSection } from './LostReasonsSection';
import { useCreatePipeline, useDeleteStage, usePipelines, useRenamePipeline, useSaveStages } from './queries';
import { addOpenRow, moveRow, toDraft, toStagesRequest, validateRows, type DraftStage, type RowProblem } from './stagesDraft';
import type { PipelineView, StageView } from '../../api/types';

function NameForm({
  label,
  initial,
  submitLabel,
  pending,
  onSubmit,
}: {
  label: string;
  initial: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (name: string, done: (error?: string) => void) => void;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    const text = name.trim();
    if (!text) {
      setError('Enter a name');
      return;
    }
    onSubmit(text, (problem) => {
      setError(problem);
      if (!problem && !initial) setName('');
    });
  }
  return (
    <form className="inline-form" aria-label={label} noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          value={name}
          maxLength={100}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="btn" disabled={pending || (Boolean(initial) && name.trim() === initial)}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}

function nameError(error: unknown): string {
  return isApiError(error) ? (error.problem.errors?.find((f) => f.field === 'name')?.message ?? problemMessage(error)) : problemMessage(error);
}

/** Deleting a stage: a plain confirmation, or — when deals sit in it (409 `stage.not_empty`) — where to move them. */
function DeleteStageDialog({ workspaceId, pipeline, stage, onClose }: { workspaceId: string; pipeline: PipelineView; stage: StageView; onClose: () => void }) {
  const remove = useDeleteStage(workspaceId);
  const toast = useToast();
  const [dealCount, setDealCount] = useState<number | null>(null);
  const others = boardStages(pipeline).filter((s) => s.id !== stage.id && s.kind === 'open');
  const [moveTo, setMoveTo] = useState(others[0]?.id ?? '');
  const selectId = useId();

  function confirm() {
    remove.mutate(
      { pipelineId: pipeline.id, stageId: stage.id, ...(dealCount !== null && moveTo ? { moveTo } : {}) },
      {
        onSuccess: () => {
          const target = others.find((s) => s.id === moveTo);
          toast.success(dealCount && target ? `Stage “${stage.name}” deleted; its deals moved to ${target.name}` : `Stage “${stage.name}” deleted`);
          onClose();
        },
        onError: (error) => {
          if (isApiError(error, { code: 'stage.not_empty' })) {
            const count = error.problem.extensions?.dealCount;
            setDealCount(typeof count === 'number' ? count : 1);
            return;
          }
          toast.error(`Could not delete the stage: ${problemMessage(error)}`);
        },
      },
    );
  }

  return (
    <Dialog
      title={`Delete the stage “${stage.name}”?`}
      onClose={onClose}
      alert
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={remove.isPending || (dealCount !== null && !moveTo)}>
            {remove.isPending ? 'Deleting…' : dealCount !== null ? 'Move deals and delete' : 'Delete stage'}
          </button>
        </>
      }
    >
      {dealCount === null ? (
        <p>The stage is removed from the pipeline.</p>
      ) : (
        <>
          <p role="alert">
            {dealCount === 1 ? 'One deal is' : `${dealCount} deals are`} in this stage. Choose where {dealCount === 1 ? 'it goes' : 'they go'}.
          </p>
          <div className="field">
            <label htmlFor={selectId}>Move deals to</label>
            <select id={selectId} value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
    </Dialog>
  );
}

/** Stages of one pipeline as an editable, ordered list; saved all at once. */
function StagesEditor({ workspaceId, pipeline }: { workspaceId: string; pipeline: PipelineView }) {
  const save = useSaveStages(workspaceId);
  const toast = useToast();
  const [rows, setRows] = useState<DraftStage[]>(() => toDraft(pipeline));
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [formError, setFormError] = useState<string | undefined>();
  const [deleting, setDeleting] = useState<StageView | null>(null);
  const nextKey = useRef(1);
  const headingId = useId();
  const dirty = JSON.stringify(toStagesRequest(rows)) !== JSON.stringify(toStagesRequest(toDraft(pipeline)));
  const openCount = rows.filter((r) => r.kind === 'open').length;
  const problemFor = (key: string, field: 'name' | 'probability') => problems.find((p) => p.key === key && p.field === field)?.message;
  const update = (key: string, change: Partial<DraftStage>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...change } : r)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateRows(rows);
    setProblems(found);
    if (found.length > 0) return;
    save.mutate(
      { pipelineId: pipeline.id, stages: toStagesRequest(rows) },
      {
        onSuccess: () => {
          setFormError(undefined);
          toast.success(`Stages of “${pipeline.name}” saved`);
        },
        onError: (error) => {
          setFormError(
            isApiError(error) && error.problem.errors?.length ? error.problem.errors.map((e) => e.message).join('; ') : problemMessage(error),
          );
          toast.error(`Could not save the stages: ${problemMessage(error)}`);
        },
      },
    );
  }

  return (
    <form className="stack" aria-labelledby={headingId} noValidate onSubmit={submit}>
      <h3 id={headingId} className="h3">
        Stages
      </h3>
      <FormAlert message={formError} />
      <div className="table-wrap">
        <table className="table stages-table">
          <caption className="visually-hidden">Stages of {pipeline.name}</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Name</th>
              <th scope="col">Probability (%)</th>
              <th scope="col">Kind</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const label = row.name || 'new stage';
              const nameProblem = problemFor(row.key, 'name');
              const probabilityProblem = problemFor(row.key, 'probability');
              const saved = row.id ? pipeline.stages.find((s) => s.id === row.id) : undefined;
              return (
                <tr key={row.key}>
                  <td>
                    <div className="row-actions">
                      {row.kind === 'open' && (
                        <>
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Move ${label} up`}
                            disabled={index === 0}
                            onClick={() => setRows((list) => moveRow(list, index, -1))}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Move ${label} down`}
                            disabled={rows[index + 1]?.kind !== 'open'}
                            onClick={() => setRows((list) => moveRow(list, index, 1))}
                          >
                            ↓
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                  <td>
                    <input
                      aria-label={`Name of stage ${index + 1}`}
                      value={row.name}
                      maxLength={100}
                      aria-invalid={nameProblem ? true : undefined}
                      onChange={(e) => update(row.key, { name: e.target.value })}
                    />
                    {nameProblem && <p className="field-error">{nameProblem}</p>}
                  </td>
                  <td>
                    <input
                      className="input-short"
                      aria-label={`Probability of stage ${index + 1}`}
                      inputMode="numeric"
                      value={row.probability}
                      readOnly={row.kind !== 'open'}
                      aria-invalid={probabilityProblem ? true : undefined}
                      onChange={(e) => update(row.key, { probability: e.target.value })}
                    />
                    {probabilityProblem && <p className="field-error">{probabilityProblem}</p>}
                  </td>
                  <td>
                    <Badge tone={row.kind === 'won' ? 'success' : row.kind === 'lost' ? 'danger' : 'info'}>{row.kind}</Badge>
                  </td>
                  <td>
                    {row.kind === 'open' && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        aria-label={`Delete ${label}`}
                        disabled={openCount <= 1}
                        onClick={() => (saved ? setDeleting(saved) : setRows((list) => list.filter((r) => r.key !== row.key)))}
                      >
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">Won and lost stages always come last. A pipeline keeps at least one open stage.</p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setRows((list) => addOpenRow(list, `new-${nextKey.current++}`))}>
          Add open stage
        </button>
        <button type="button" className="btn" disabled={!dirty} onClick={() => setRows(toDraft(pipeline))}>
          Discard changes
        </button>
        <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save stages'}
        </button>
      </div>
      {deleting && <DeleteStageDialog workspaceId={workspaceId} pipeline={pipeline} stage={deleting} onClose={() => setDeleting(null)} />}
    </form>
  );
}

function PipelinesSection({ workspaceId }: { workspaceId: string }) {
  const pipelines = usePipelines(workspaceId);
  const create = useCreatePipeline(workspaceId);
  const rename = useRenamePipeline(workspaceId);
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const selectId = useId();
  const headingId = useId();
  if (pipelines.isPending) return <LoadingState label="Loading pipelines…" />;
  if (pipelines.isError) return <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  const pipeline = pipelines.data.find((p) => p.id === params.get('pipeline')) ?? pipelines.data[0];
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">
        Pipelines and stages
      </h2>
      {pipelines.data.length > 1 && pipeline && (
        <div className="field">
          <label htmlFor={selectId}>Pipeline</label>
          <select id={selectId} value={pipeline.id} onChange={(e) => setParams({ pipeline: e.target.value }, { replace: true })}>
            {pipelines.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {pipeline ? (
        <>
          <NameForm
            key={`${pipeline.id}:${pipeline.name}`}
            label="Pipeline name"
            initial={pipeline.name}
            submitLabel="Rename"
            pending={rename.isPending}
            onSubmit={(name, done) =>
              rename.mutate(
                { pipelineId: pipeline.id, name },
                {
                  onSuccess: () => {
                    toast.success(`Pipeline renamed to “${name}”`);
                    done();
                  },
                  onError: (error) => {
                    done(nameError(error));
                    toast.error(`Could not rename the pipeline: ${problemMessage(error)}`);
                  },
                },
              )
            }
          />
          {/* Re-seeded whenever the saved stages change. */}
          <StagesEditor key={`${pipeline.id}:${JSON.stringify(pipeline.stages)}`} workspaceId={workspaceId} pipeline={pipeline} />
        </>
      ) : (
        <EmptyState title="No pipeline yet" />
      )}
      <NameForm
        label="New pipeline"
        initial=""
        submitLabel="Add pipeline"
        pending={create.isPending}
        onSubmit={(name, done) =>
          create.mutate(
            { name },
            {
              onSuccess: (created) => {
                toast.success(`Pipeline “${created.name}” added`);
                done();
                setParams({ pipeline: created.id }, { replace: true });
              },
              onError: (error) => {
                done(nameError(error));
                toast.error(`Could not add the pipeline: ${problemMessage(error)}`);
              },
            },
          )
        }
      />
    </section>
  );
}

export function PipelineSettingsPage() {
  const { workspace } = useWorkspace();
  return (
    <OwnerOnly message="Only workspace owners can manage pipelines">
      <PageHeader
        title="Pipelines and lost reasons"
        description="The stages deals go through, their default probabilities, and why deals are lost."
        actions={
          <Link className="btn" to={`/w/${workspace.id}/settings`}>
            Workspace settings
          </Link>
        }
      />
      <div className="stack">
        <PipelinesSection workspaceId={workspace.id} />
        <LostReasonsSection workspaceId={workspace.id} />
      </div>
    </OwnerOnly>
  );
}
