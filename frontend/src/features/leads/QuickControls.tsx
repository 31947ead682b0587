import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { problemMessage } from '../../api/problem';
import type { LeadStatus, LeadView, SettableLeadStatus } from '../../api/types';
import { FormAlert, TextField } from '../../components/Field';
import { useToast } from '../../components/toastContext';
import { applyProblemToForm } from '../../lib/formErrors';
import { nextActionDateProblem } from './problems';
import { MemberPicker } from '../team/MemberPicker';
import { useUpdateLead } from './queries';
import { isTerminal, statusLabel, statusOptions } from './status';

interface DateValues {
  nextActionDate: string;
  nextActionText: string;
}

/**
 * Shown when the API refused a status move for want of a next action date
 * (422 on `nextActionDate`): the API's error sits on the date field, and
 * saving retries the same move with the date.
 */
export function NextActionDateRetry({
  workspaceId,
  lead,
  status,
  error,
  onDone,
}: {
  workspaceId: string;
  lead: LeadView;
  status: SettableLeadStatus;
  error: unknown;
  onDone: () => void;
}) {
  const toast = useToast();
  const update = useUpdateLead(workspaceId, lead.id);
  const headingId = useId();
  const form = useForm<DateValues>({
    defaultValues: { nextActionDate: '', nextActionText: lead.nextActionText ?? '' },
  });
  const { setError } = form;
  useEffect(() => {
    // The refusal that brought us here, on the field it is about (and focused).
    applyProblemToForm(error, setError, ['nextActionDate']);
  }, [error, setError]);
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) => {
    if (!values.nextActionDate) {
      form.setError('nextActionDate', { type: 'required', message: 'Choose the date of the next action.' }, { shouldFocus: true });
      return;
    }
    update.mutate(
      {
        status,
        nextActionDate: values.nextActionDate,
        ...(values.nextActionText.trim() ? { nextActionText: values.nextActionText.trim() } : {}),
      },
      {
        onSuccess: () => {
          toast.success(`Status changed to ${statusLabel(status)}`);
          onDone();
        },
        onError: (err) => {
          const applied = applyProblemToForm(err, form.setError, ['nextActionDate', 'nextActionText']);
          if (applied.formMessage) form.setError('root.server', { type: 'server', message: applied.formMessage });
          toast.error(`Could not change the status: ${problemMessage(err)}`);
        },
      },
    );
  });

  return (
    <form className="inline-panel" aria-labelledby={headingId} noValidate onSubmit={submit}>
      <h3 id={headingId} className="h3">
        Set a next action to move to {statusLabel(status)}
      </h3>
      <FormAlert message={errors.root?.server?.message} />
      <div className="form-row">
        <TextField label="Next action date" type="date" error={errors.nextActionDate} {...form.register('nextActionDate')} />
        <TextField label="Next action (optional)" error={errors.nextActionText} {...form.register('nextActionText')} />
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : `Save and move to ${statusLabel(status)}`}
        </button>
      </div>
    </form>
  );
}

/** Inline status change limited to the moves the flow allows. */
export function StatusControl({ workspaceId, lead }: { workspaceId: string; lead: LeadView }) {
  const toast = useToast();
  const update = useUpdateLead(workspaceId, lead.id);
  const id = useId();
  const [blocked, setBlocked] = useState<{ status: SettableLeadStatus; error: unknown } | null>(null);

  function move(status: LeadStatus) {
    if (status === lead.status || status === 'converted') return;
    setBlocked(null);
    update.mutate(
      { status },
      {
        onSuccess: () => toast.success(`Status changed to ${statusLabel(status)}`),
        onError: (error) => {
          if (nextActionDateProblem(error)) {
            setBlocked({ status, error });
            toast.error(`${statusLabel(status)} needs a next action date: set one below.`);
          } else {
            toast.error(`Could not change the status: ${problemMessage(error)}`);
          }
        },
      },
    );
  }

  return (
    <div className="quick-control">
      <label htmlFor={id}>Status</label>
      <select id={id} value={lead.status} disabled={update.isPending || isTerminal(lead.status)} onChange={(e) => move(e.target.value as LeadStatus)}>
        {statusOptions(lead.status).map((s) => (
          <option key={s} value={s}>
            {s === lead.status ? statusLabel(s) : `Move to ${statusLabel(s)}`}
          </option>
        ))}
      </select>
      {isTerminal(lead.status) && <p className="field-hint">Converted leads are final.</p>}
      {blocked && (
        <NextActionDateRetry
          key={blocked.status}
          workspaceId={workspaceId}
          lead={lead}
          status={blocked.status}
          error={blocked.error}
          onDone={() => setBlocked(null)}
        />
      )}
    </div>
  );
}

/** The lead's assignee, changed on the spot: any member, searched on the server as you type. */
export function AssigneeControl({ workspaceId, lead }: { workspaceId: string; lead: LeadView }) {
  const toast = useToast();
  const update = useUpdateLead(workspaceId, lead.id);

  return (
    <div className="quick-control">
      <MemberPicker
        label="Assignee"
        noneLabel="Unassigned"
        value={lead.assigneeId ?? ''}
        disabled={update.isPending}
        onChange={(userId, member) => {
          const assigneeId = userId || null;
          if (assigneeId === (lead.assigneeId ?? null)) return;
          update.mutate(
            { assigneeId },
            {
              onSuccess: () => toast.success(assigneeId ? `Assigned to ${member ? member.name || member.email : 'the member'}` : 'Lead unassigned'),
              onError: (error) => toast.error(`Could not change the assignee: ${problemMessage(error)}`),
            },
          );
        }}
      />
    </div>
  );
}
