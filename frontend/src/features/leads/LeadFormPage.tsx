import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch, type UseFormSetError } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { problemMessage } from '../../api/problem';
import type { LeadSourceView, LeadView } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { EditGate } from '../../components/EditGate';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, FullPageMessage, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { saveChanges } from '../../lib/saveChanges';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCanWriteCrm } from '../workspaces/permissions';
import {
  emptyLeadForm,
  LEAD_FORM_FIELDS,
  leadFormSchema,
  leadToForm,
  toCreateRequest,
  toUpdateRequest,
  type LeadFormInput,
  type LeadFormValues,
} from './leadForm';
import { MemberPicker } from '../team/MemberPicker';
import { useCreateLead, useLead, useLeadSources, useUpdateLead } from './queries';
import { selectableSources } from './sources';
import { CREATABLE_STATUSES, statusLabel, statusOptions } from './status';
import { TagInput } from './TagInput';
import { RecordForm } from '../../components/RecordForm';

interface LeadFormProps {
  workspaceId: string;
  lead?: LeadView;
  pending: boolean;
  cancelTo: string;
  submitLabel: string;
  onSubmit: (values: LeadFormValues, form: { setError: UseFormSetError<LeadFormInput> }) => void;
}

/** Selects get their value when mounted: wait for their options (the sources) first; the assignee is searched as you type. */
function LeadForm(props: LeadFormProps) {
  const sources = useLeadSources(props.workspaceId);
  if (sources.isPending) return <LoadingState label="Loading the form…" />;
  if (sources.isError) return <ErrorState title="Could not load the form" error={sources.error} onRetry={() => void sources.refetch()} />;
  return <LeadFormFields {...props} sources={sources.data} />;
}

function LeadFormFields({
  lead,
  pending,
  cancelTo,
  submitLabel,
  onSubmit,
  sources,
}: LeadFormProps & { sources: LeadSourceView[] }) {
  const form = useForm<LeadFormInput, unknown, LeadFormValues>({
    resolver: zodResolver(leadFormSchema),
    defaultValues: lead ? leadToForm(lead) : emptyLeadForm(),
  });
  const { errors } = form.formState;
  const statuses = lead ? statusOptions(lead.status) : CREATABLE_STATUSES;
  const sourceOptions = selectableSources(sources, lead?.source);
  const currentSource = useWatch({ control: form.control, name: 'source' });

  return (
    <RecordForm
      label={lead ? `Edit ${lead.name}` : 'New lead'}
      onSubmit={form.handleSubmit((values) => onSubmit(values, { setError: form.setError }))}
      serverMessage={errors.root?.server?.message}
      cancelTo={cancelTo}
      submitLabel={submitLabel}
      pending={pending}
    >
      <section className="card form-section" aria-labelledby="lead-contact-heading">
        <h2 id="lead-contact-heading" className="h3">
          Contact
        </h2>
        <TextField label="Name" autoComplete="off" error={errors.name} {...form.register('name')} />
        <div className="form-grid">
          <TextField label="Email" type="email" autoComplete="off" error={errors.email} {...form.register('email')} />
          <TextField label="Phone" type="tel" autoComplete="off" error={errors.phone} {...form.register('phone')} />
          <TextField label="Company" autoComplete="off" error={errors.company} {...form.register('company')} />
        </div>
      </section>

      <section className="card form-section" aria-labelledby="lead-pipeline-heading">
        <h2 id="lead-pipeline-heading" className="h3">
          Pipeline
        </h2>
        <div className="form-grid">
          <SelectField label="Status" error={errors.status} {...form.register('status')}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </SelectField>
          <SelectField label="Source" error={errors.source} {...form.register('source')}>
            {sourceOptions.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.label}
                {s.archived ? ' (archived)' : ''}
              </option>
            ))}
            {!sourceOptions.some((s) => s.slug === currentSource) && currentSource && <option value={currentSource}>{currentSource}</option>}
          </SelectField>
          <Controller
            control={form.control}
            name="assigneeId"
            render={({ field }) => (
              <MemberPicker label="Assignee" noneLabel="Unassigned" value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} error={errors.assigneeId} />
            )}
          />
        </div>
      </section>

      <section className="card form-section" aria-labelledby="lead-next-heading">
        <h2 id="lead-next-heading" className="h3">
          Next action
        </h2>
        <div className="form-grid">
          <TextField
            label="Next action date"
            type="date"
            hint="Required once the lead is qualified."
            error={errors.nextActionDate}
            {...form.register('nextActionDate')}
          />
          <TextField label="Next action" placeholder="e.g. Send the proposal" error={errors.nextActionText} {...form.register('nextActionText')} />
        </div>
      </section>

      <section className="card form-section" aria-labelledby="lead-notes-heading">
        <h2 id="lead-notes-heading" className="h3">
          Notes and tags
        </h2>
        <TextAreaField label="Notes" rows={5} error={errors.notes} {...form.register('notes')} />
        <Controller
          control={form.control}
          name="tags"
          render={({ field, fieldState }) => <TagInput label="Tags" value={field.value} onChange={field.onChange} error={fieldState.error} />}
        />
      </section>

    </RecordForm>
  );
}

function ViewerRefusal() {
  const { workspace } = useWorkspace();
  return (
    <FullPageMessage title="Viewers cannot change leads">
      <p>
        Your role in {workspace.name} is <strong>{workspace.role}</strong>. Ask an owner or a manager if a lead needs to change.
      </p>
      <Link className="btn" to={`/w/${workspace.id}/leads`}>
        Back to leads
      </Link>
    </FullPageMessage>
  );
}

export function LeadCreatePage() {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const create = useCreateLead(workspace.id);
  const toast = useToast();
  const navigate = useNavigate();
  // One key per attempt so a double submit replays instead of creating twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const base = `/w/${workspace.id}/leads`;
  if (!canWrite) return <ViewerRefusal />;

  return (
    <>
      <Link to={base} className="back-link">
        ← Back to leads
      </Link>
      <PageHeader title="New lead" />
      <LeadForm
        workspaceId={workspace.id}
        pending={create.isPending}
        cancelTo={base}
        submitLabel="Create lead"
        onSubmit={(values, form) =>
          create.mutate(
            { body: toCreateRequest(values), idempotencyKey },
            {
              onSuccess: (lead) => {
                toast.success(`Lead “${lead.name}” created`);
                navigate(`${base}/${lead.id}`);
              },
              onError: (error) => {
                setProblemOnForm(error, form.setError, LEAD_FORM_FIELDS);
                toast.error(`Could not create the lead: ${problemMessage(error)}`);
              },
            },
          )
        }
      />
    </>
  );
}

function EditLead({ lead }: { lead: LeadView }) {
  const { workspace } = useWorkspace();
  const update = useUpdateLead(workspace.id, lead.id);
  const toast = useToast();
  const navigate = useNavigate();
  const detail = `/w/${workspace.id}/leads/${lead.id}`;
  return (
    <>
      <Link to={detail} className="back-link">
        ← Back to {lead.name}
      </Link>
      <PageHeader title={`Edit ${lead.name}`} />
      <LeadForm
        workspaceId={workspace.id}
        lead={lead}
        pending={update.isPending}
        cancelTo={detail}
        submitLabel="Save changes"
        onSubmit={(values, form) =>
          saveChanges({
            body: toUpdateRequest(values, lead),
            mutate: update.mutate,
            toast,
            noun: 'lead',
            savedName: (saved) => saved.name,
            onSaved: () => navigate(detail),
            setError: form.setError,
            fields: LEAD_FORM_FIELDS,
          })
        }
      />
    </>
  );
}

export function LeadEditPage() {
  const { leadId = '' } = useParams();
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const lead = useLead(workspace.id, leadId);
  return (
    <EditGate
      query={lead}
      noun="lead"
      workspaceName={workspace.name}
      listPath={`/w/${workspace.id}/leads`}
      listLabel="Back to leads"
      refusal={canWrite ? null : <ViewerRefusal />}
    >
      {/* Keyed so a refetched record re-seeds the form only when another one is opened. */}
      {(lead) => <EditLead key={lead.id} lead={lead} />}
    </EditGate>
  );
}
