import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch, type UseFormSetError } from 'react-hook-form';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useState } from 'react';
import { problemMessage } from '../../api/problem';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { EditGate } from '../../components/EditGate';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { ViewerRefusal } from '../../components/ViewerRefusal';
import { setProblemOnForm } from '../../lib/formErrors';
import { saveChanges } from '../../lib/saveChanges';
import { useMe } from '../auth/queries';
import { CompanyPicker } from '../companies/CompanyPicker';
import { ContactPicker } from '../contacts/ContactPicker';
import { MemberPicker } from '../team/MemberPicker';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCanWriteCrm } from '../workspaces/permissions';
import { openStages } from './board';
import {
  DEAL_FORM_FIELDS,
  dealFormSchema,
  dealToForm,
  emptyDealForm,
  toCreateDealRequest,
  toUpdateDealRequest,
  type DealFormInput,
  type DealFormValues,
} from './dealForm';
import { useCreateDeal, useDeal, usePipelines, useUpdateDeal } from './queries';
import type { DealView, PipelineView } from '../../api/types';
import { RecordForm } from '../../components/RecordForm';

interface DealFormProps {
  deal?: DealView;
  defaults?: Partial<DealFormInput>;
  pending: boolean;
  cancelTo: string;
  submitLabel: string;
  onSubmit: (values: DealFormValues, form: { setError: UseFormSetError<DealFormInput> }) => void;
}

/** The pipeline select gets its value when mounted: wait for the pipelines first (people are searched as you type). */
function DealForm(props: DealFormProps) {
  const { workspace } = useWorkspace();
  const pipelines = usePipelines(workspace.id);
  if (pipelines.isPending) return <LoadingState label="Loading the form…" />;
  if (pipelines.isError) return <ErrorState title="Could not load the form" error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  return <DealFormFields {...props} pipelines={pipelines.data} />;
}

function DealFormFields({ deal, defaults, pending, cancelTo, submitLabel, onSubmit, pipelines }: DealFormProps & { pipelines: PipelineView[] }) {
  const { workspace } = useWorkspace();
  const form = useForm<DealFormInput, unknown, DealFormValues>({
    resolver: zodResolver(dealFormSchema),
    defaultValues: deal ? dealToForm(deal) : emptyDealForm(defaults),
  });
  const { errors } = form.formState;
  const pipelineId = useWatch({ control: form.control, name: 'pipelineId' });
  const pipeline = pipelines.find((p) => p.id === pipelineId);
  const stages = pipeline ? openStages(pipeline) : [];
  const pipelineField = form.register('pipelineId', {
    onChange: (event: { target: { value: string } }) => {
      const next = pipelines.find((p) => p.id === event.target.value);
      form.setValue('stageId', next ? (openStages(next)[0]?.id ?? '') : '');
    },
  });

  return (
    <RecordForm
      label={deal ? `Edit ${deal.title}` : 'New deal'}
      onSubmit={form.handleSubmit((values) => onSubmit(values, { setError: form.setError }))}
      serverMessage={errors.root?.server?.message}
      cancelTo={cancelTo}
      submitLabel={submitLabel}
      pending={pending}
    >
      <section className="card form-section" aria-labelledby="deal-main-heading">
        <h2 id="deal-main-heading" className="h3">
          Deal
        </h2>
        <TextField label="Title" autoComplete="off" error={errors.title} {...form.register('title')} />
        <div className="form-grid">
          <TextField
            label="Amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            hint={`In ${deal?.amount.currency ?? workspace.currency}, e.g. 1234.50.`}
            error={errors.amount}
            {...form.register('amount')}
          />
          <TextField
            label="Probability (%)"
            inputMode="numeric"
            autoComplete="off"
            hint="Leave blank to use the stage's probability."
            error={errors.probability}
            {...form.register('probability')}
          />
          <TextField label="Expected close date" type="date" error={errors.expectedCloseDate} {...form.register('expectedCloseDate')} />
        </div>
      </section>

      {!deal && (
        <section className="card form-section" aria-labelledby="deal-pipeline-heading">
          <h2 id="deal-pipeline-heading" className="h3">
            Pipeline
          </h2>
          <div className="form-grid">
            <SelectField label="Pipeline" error={errors.pipelineId} {...pipelineField}>
              {pipelines.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="Stage" error={errors.stageId} {...form.register('stageId')}>
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.probability}%)
                </option>
              ))}
            </SelectField>
          </div>
        </section>
      )}

      <section className="card form-section" aria-labelledby="deal-people-heading">
        <h2 id="deal-people-heading" className="h3">
          People
        </h2>
        <div className="form-grid">
          <Controller
            control={form.control}
            name="ownerId"
            render={({ field }) => (
              <MemberPicker label="Owner" noneLabel="No owner" value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} error={errors.ownerId} />
            )}
          />
          <Controller
            control={form.control}
            name="contactId"
            render={({ field }) => (
              <ContactPicker label="Contact" noneLabel="No contact" value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} error={errors.contactId} />
            )}
          />
          <Controller
            control={form.control}
            name="companyId"
            render={({ field }) => (
              <CompanyPicker label="Company" noneLabel="No company" value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} error={errors.companyId} />
            )}
          />
        </div>
      </section>

      <section className="card form-section" aria-labelledby="deal-next-heading">
        <h2 id="deal-next-heading" className="h3">
          Next action and notes
        </h2>
        <div className="form-grid">
          <TextField label="Next action date" type="date" error={errors.nextActionDate} {...form.register('nextActionDate')} />
          <TextField label="Next action" placeholder="e.g. Send the proposal" error={errors.nextActionText} {...form.register('nextActionText')} />
        </div>
        <TextAreaField label="Notes" rows={5} error={errors.notes} {...form.register('notes')} />
      </section>

    </RecordForm>
  );
}

function Refusal() {
  const { workspace } = useWorkspace();
  return (
    <ViewerRefusal
      title="Viewers cannot change deals"
      workspaceName={workspace.name}
      role={workspace.role}
      backTo={`/w/${workspace.id}/deals`}
      backLabel="Back to deals"
    />
  );
}

export function DealCreatePage() {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const create = useCreateDeal(workspace.id);
  const pipelines = usePipelines(workspace.id);
  const me = useMe();
  const toast = useToast();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // One key per visit of the form: a retried submit is replayed, not duplicated.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const base = `/w/${workspace.id}/deals`;
  if (!canWrite) return <Refusal />;
  if (pipelines.isPending) return <LoadingState label="Loading the form…" />;
  const pipeline = pipelines.data?.find((p) => p.id === params.get('pipeline')) ?? pipelines.data?.[0];
  const defaults: Partial<DealFormInput> = {
    pipelineId: pipeline?.id ?? '',
    stageId: pipeline ? (openStages(pipeline)[0]?.id ?? '') : '',
    ownerId: me.data?.user.id ?? '',
    contactId: params.get('contact') ?? '',
    companyId: params.get('company') ?? '',
  };

  return (
    <>
      <Link to={base} className="back-link">
        ← Back to deals
      </Link>
      <PageHeader title="New deal" />
      <DealForm
        defaults={defaults}
        pending={create.isPending}
        cancelTo={base}
        submitLabel="Create deal"
        onSubmit={(values, form) =>
          create.mutate(
            { body: toCreateDealRequest(values), idempotencyKey },
            {
              onSuccess: (deal) => {
                toast.success(`Deal “${deal.title}” created`);
                navigate(`${base}/${deal.id}`);
              },
              onError: (error) => {
                setProblemOnForm(error, form.setError, DEAL_FORM_FIELDS);
                toast.error(`Could not create the deal: ${problemMessage(error)}`);
              },
            },
          )
        }
      />
    </>
  );
}

function EditDeal({ deal }: { deal: DealView }) {
  const { workspace } = useWorkspace();
  const update = useUpdateDeal(workspace.id, deal.id);
  const toast = useToast();
  const navigate = useNavigate();
  const detail = `/w/${workspace.id}/deals/${deal.id}`;
  return (
    <>
      <Link to={detail} className="back-link">
        ← Back to {deal.title}
      </Link>
      <PageHeader title={`Edit ${deal.title}`} description="Stages change from the board or the deal page." />
      <DealForm
        deal={deal}
        pending={update.isPending}
        cancelTo={detail}
        submitLabel="Save changes"
        onSubmit={(values, form) =>
          saveChanges({
            body: toUpdateDealRequest(values, deal),
            mutate: update.mutate,
            toast,
            noun: 'deal',
            savedName: (saved) => saved.title,
            onSaved: () => navigate(detail),
            setError: form.setError,
            fields: DEAL_FORM_FIELDS,
          })
        }
      />
    </>
  );
}

export function DealEditPage() {
  const { dealId = '' } = useParams();
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const deal = useDeal(workspace.id, dealId);
  return (
    <EditGate
      query={deal}
      noun="deal"
      workspaceName={workspace.name}
      listPath={`/w/${workspace.id}/deals`}
      listLabel="Back to deals"
      refusal={canWrite ? null : <Refusal />}
    >
      {/* Keyed so a refetched record re-seeds the form only when another one is opened. */}
      {(deal) => <EditDeal key={deal.id} deal={deal} />}
    </EditGate>
  );
}
