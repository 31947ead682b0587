import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { problemMessage } from '../../api/problem';
import { FormAlert, SelectField, TextAreaField, TextField } from '../../components/Field';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import {
  ACTIVITY_FORM_FIELDS,
  activityFormSchema,
  toCreateActivityRequest,
  type ActivityFormInput,
  type ActivityFormValues,
  type ActivityLinks,
} from './activityForm';
import { ACTIVITY_PRIORITIES, ACTIVITY_TYPES, PRIORITY_LABELS, TYPE_LABELS } from './meta';
import { MemberPicker } from '../team/MemberPicker';
import { useCreateActivity } from './queries';

/** Inline "log an activity" form with the record link(s) pre-filled. */
export function QuickCreateActivity({
  workspaceId,
  links,
  currentUserId,
  linkNote,
  onDone,
}: {
  workspaceId: string;
  links: ActivityLinks;
  currentUserId: string | undefined;
  /** Says which records the activity will be linked to. */
  linkNote?: string;
  onDone: () => void;
}) {
  const toast = useToast();
  const create = useCreateActivity(workspaceId);
  const headingId = useId();
  const form = useForm<ActivityFormInput, unknown, ActivityFormValues>({
    resolver: zodResolver(activityFormSchema),
    defaultValues: { type: 'task', subject: '', priority: 'medium', dueAt: '', assigneeId: currentUserId ?? '', body: '' },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) =>
    create.mutate(toCreateActivityRequest(values, links), {
      onSuccess: (activity) => {
        toast.success(`${TYPE_LABELS[activity.type] ?? 'Activity'} “${activity.subject}” logged`);
        form.reset({ ...values, subject: '', body: '', dueAt: '' });
        onDone();
      },
      onError: (error) => {
        setProblemOnForm(error, form.setError, ACTIVITY_FORM_FIELDS);
        toast.error(`Could not log the activity: ${problemMessage(error)}`);
      },
    }),
  );

  return (
    <form className="inline-panel quick-activity" aria-labelledby={headingId} noValidate onSubmit={submit}>
      <h3 id={headingId} className="h3">
        Log an activity
      </h3>
      {linkNote && <p className="muted small">{linkNote}</p>}
      <FormAlert message={errors.root?.server?.message} />
      <div className="form-grid">
        <SelectField label="Type" error={errors.type} {...form.register('type')}>
          {ACTIVITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <TextField label="Subject" autoComplete="off" error={errors.subject} {...form.register('subject')} />
        <SelectField label="Priority" error={errors.priority} {...form.register('priority')}>
          {ACTIVITY_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <TextField label="Due" type="datetime-local" error={errors.dueAt} {...form.register('dueAt')} />
        <Controller
          control={form.control}
          name="assigneeId"
          render={({ field }) => (
            <MemberPicker label="Assignee" noneLabel="Unassigned" value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} error={errors.assigneeId} />
          )}
        />
      </div>
      <TextAreaField label="Details" rows={2} error={errors.body} {...form.register('body')} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Log activity'}
        </button>
      </div>
    </form>
  );
}
