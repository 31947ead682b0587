import { useId, useState, type FormEvent } from 'react';
import { isApiError, problemMessage } from '../../api/problem';
import { Badge } from '../../components/Badge';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { useCreateLostReason, useLostReasons, useSetLostReasonArchived } from './queries';

function AddReasonForm({ workspaceId }: { workspaceId: string }) {
  const create = useCreateLostReason(workspaceId);
  const toast = useToast();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    const text = label.trim();
    if (!text) {
      setError('Enter a label');
      return;
    }
    create.mutate(
      { label: text },
      {
        onSuccess: () => {
          toast.success(`Lost reason “${text}” added`);
          setLabel('');
          setError(undefined);
        },
        onError: (e) => {
          setError(isApiError(e) ? (e.problem.errors?.find((f) => f.field === 'label')?.message ?? problemMessage(e)) : problemMessage(e));
          toast.error(`Could not add the reason: ${problemMessage(e)}`);
        },
      },
    );
  }
  return (
    <form className="inline-form" aria-label="Add a lost reason" noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>New lost reason</label>
        <input
          id={id}
          value={label}
          maxLength={100}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setLabel(e.target.value)}
        />
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add reason'}
      </button>
    </form>
  );
}

/** The workspace's lost reasons: add, archive (no longer offered) and restore. */
export function LostReasonsSection({ workspaceId }: { workspaceId: string }) {
  const reasons = useLostReasons(workspaceId);
  const setArchived = useSetLostReasonArchived(workspaceId);
  const toast = useToast();
  const headingId = useId();
  let body;
  if (reasons.isPending) body = <LoadingState label="Loading lost reasons…" />;
  else if (reasons.isError) body = <ErrorState error={reasons.error} onRetry={() => void reasons.refetch()} />;
  else if (reasons.data.length === 0) body = <EmptyState title="No lost reasons yet">Deals lost without a listed reason use “Other” with a text.</EmptyState>;
  else
    body = (
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Lost reasons</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reasons.data.map((reason) => (
              <tr key={reason.id}>
                <td>{reason.label}</td>
                <td>{reason.archived ? <Badge tone="warning">Archived</Badge> : <Badge tone="success">Active</Badge>}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={setArchived.isPending}
                    aria-label={`${reason.archived ? 'Restore' : 'Archive'} lost reason ${reason.label}`}
                    onClick={() =>
                      setArchived.mutate(
                        { reasonId: reason.id, archived: !reason.archived },
                        {
                          onSuccess: () => toast.success(`Lost reason “${reason.label}” ${reason.archived ? 'restored' : 'archived'}`),
                          onError: (e) => toast.error(`Could not update the reason: ${problemMessage(e)}`),
                        },
                      )
                    }
                  >
                    {reason.archived ? 'Restore' : 'Archive'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">
        Lost reasons
      </h2>
      <p className="muted small">Offered when a deal is lost. Archived reasons stay on the deals that have them.</p>
      {body}
      <AddReasonForm workspaceId={workspaceId} />
    </section>
  );
}
