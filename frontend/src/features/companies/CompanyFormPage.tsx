import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch, type UseFormSetError } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { problemMessage } from '../../api/problem';
import type { CompanyDuplicateView, CompanyView } from '../../api/types';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { EditGate } from '../../components/EditGate';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { ViewerRefusal } from '../../components/ViewerRefusal';
import { setProblemOnForm } from '../../lib/formErrors';
import { saveChanges } from '../../lib/saveChanges';
import { useCanWriteCrm } from '../workspaces/permissions';
import { useMe } from '../auth/queries';
import { MemberPicker } from '../team/MemberPicker';
import { useWorkspace } from '../workspaces/workspaceContext';
import {
  COMPANY_FORM_FIELDS,
  companyFormSchema,
  companyToForm,
  emptyCompanyForm,
  toCreateCompanyRequest,
  toUpdateCompanyRequest,
  type CompanyFormInput,
  type CompanyFormValues,
} from './companyForm';
import { duplicateReason, possibleDuplicates } from './duplicates';
import { COMPANY_SIZES, COMPANY_STATUS_LABELS, COMPANY_STATUSES } from './meta';
import { useCompany, useCompanyDuplicates, useCreateCompany, useUpdateCompany } from './queries';
import { RecordForm } from '../../components/RecordForm';

export interface CompanySubmitContext {
  setError: UseFormSetError<CompanyFormInput>;
}

function DuplicateLinks({ workspaceId, duplicates }: { workspaceId: string; duplicates: readonly CompanyDuplicateView[] }) {
  return (
    <ul className="duplicate-list">
      {duplicates.map((d) => (
        <li key={d.id}>
          <Link to={`/w/${workspaceId}/companies/${d.id}`} target="_blank">
            {d.name}
          </Link>
          {d.domain && <span className="muted"> ({d.domain})</span>}
          <span className="muted small"> — {duplicateReason(d)}</span>
        </li>
      ))}
    </ul>
  );
}

/** "Possible duplicates: …" while typing the name or domain (debounced GET /company-duplicates). */
function LiveDuplicates({ workspaceId, control, selfId }: { workspaceId: string; control: ReturnType<typeof useForm<CompanyFormInput, unknown, CompanyFormValues>>['control']; selfId?: string }) {
  const [name, domain] = useWatch({ control, name: ['name', 'domain'] });
  const duplicates = useCompanyDuplicates(workspaceId, name ?? '', domain ?? '');
  const others = duplicates.filter((d) => d.id !== selfId);
  if (others.length === 0) return null;
  return (
    <div className="notice notice-warning" role="status" aria-label="Possible duplicates">
      <strong>Possible duplicates:</strong>
      <DuplicateLinks workspaceId={workspaceId} duplicates={others} />
    </div>
  );
}

interface CompanyFormProps {
  workspaceId: string;
  company?: CompanyView;
  pending: boolean;
  cancelTo: string;
  submitLabel: string;
  /** Set after a 409 `company.possible_duplicate`: shown with a "Create anyway" button. */
  conflict?: CompanyDuplicateView[] | null;
  onSubmit: (values: CompanyFormValues, form: CompanySubmitContext, confirmDuplicate: boolean) => void;
}

/** Waits for the signed-in user (the default owner); the owner is searched as you type. */
function CompanyForm(props: CompanyFormProps) {
  const me = useMe();
  if (me.isPending) return <LoadingState label="Loading the form…" />;
  return <CompanyFormFields {...props} currentUserId={me.data?.user.id} />;
}

function CompanyFormFields({
  workspaceId,
  company,
  pending,
  cancelTo,
  submitLabel,
  conflict,
  onSubmit,
  currentUserId,
}: CompanyFormProps & { currentUserId?: string }) {
  const form = useForm<CompanyFormInput, unknown, CompanyFormValues>({
    resolver: zodResolver(companyFormSchema),
    defaultValues: company ? companyToForm(company) : emptyCompanyForm(currentUserId ?? ''),
  });
  const { errors } = form.formState;
  const submitWith = (confirmDuplicate: boolean) => form.handleSubmit((values) => onSubmit(values, { setError: form.setError }, confirmDuplicate));

  return (
    <RecordForm
      label={company ? `Edit ${company.name}` : 'New company'}
      onSubmit={submitWith(false)}
      serverMessage={errors.root?.server?.message}
      cancelTo={cancelTo}
      submitLabel={submitLabel}
      pending={pending}
    >
      {conflict && (
        <div className="notice notice-warning" role="alert" aria-label="Possible duplicate companies">
          <p>
            <strong>This company may already exist.</strong> Open one of these, or create it anyway.
          </p>
          <DuplicateLinks workspaceId={workspaceId} duplicates={conflict} />
          <button type="button" className="btn btn-primary" disabled={pending} onClick={() => void submitWith(true)()}>
            Create anyway
          </button>
        </div>
      )}
      <section className="card form-section" aria-labelledby="company-main-heading">
        <h2 id="company-main-heading" className="h3">
          Company
        </h2>
        <TextField label="Name" autoComplete="off" error={errors.name} {...form.register('name')} />
        <div className="form-grid">
          <TextField label="Domain" placeholder="acme.com" autoComplete="off" error={errors.domain} {...form.register('domain')} />
          <TextField label="Website" placeholder="https://acme.com" autoComplete="off" error={errors.website} {...form.register('website')} />
        </div>
        <LiveDuplicates workspaceId={workspaceId} control={form.control} selfId={company?.id} />
        <div className="form-grid">
          <TextField label="Industry" autoComplete="off" error={errors.industry} {...form.register('industry')} />
          <SelectField label="Size" error={errors.size} {...form.register('size')}>
            <option value="">Unknown</option>
            {COMPANY_SIZES.map((s) => (
              <option key={s} value={s}>
                {s} employees
              </option>
            ))}
          </SelectField>
          <SelectField label="Status" error={errors.status} {...form.register('status')}>
            {COMPANY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {COMPANY_STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
          <Controller
            control={form.control}
            name="ownerId"
            render={({ field }) => (
              <MemberPicker label="Owner" noneLabel="No owner" value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} error={errors.ownerId} />
            )}
          />
        </div>
      </section>
      <section className="card form-section" aria-labelledby="company-more-heading">
        <h2 id="company-more-heading" className="h3">
          Address and notes
        </h2>
        <TextAreaField label="Address" rows={2} error={errors.address} {...form.register('address')} />
        <TextAreaField label="Notes" rows={4} error={errors.notes} {...form.register('notes')} />
      </section>
    </RecordForm>
  );
}

export function CompanyCreatePage() {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const create = useCreateCompany(workspace.id);
  const toast = useToast();
  const navigate = useNavigate();
  const [conflict, setConflict] = useState<CompanyDuplicateView[] | null>(null);
  const base = `/w/${workspace.id}/companies`;
  if (!canWrite) {
    return <ViewerRefusal title="Viewers cannot change companies" workspaceName={workspace.name} role={workspace.role} backTo={base} backLabel="Back to companies" />;
  }
  return (
    <>
      <Link to={base} className="back-link">
        ← Back to companies
      </Link>
      <PageHeader title="New company" />
      <CompanyForm
        workspaceId={workspace.id}
        pending={create.isPending}
        cancelTo={base}
        submitLabel="Create company"
        conflict={conflict}
        onSubmit={(values, form, confirmDuplicate) =>
          create.mutate(toCreateCompanyRequest(values, confirmDuplicate), {
            onSuccess: (company) => {
              toast.success(`Company “${company.name}” created`);
              navigate(`${base}/${company.id}`);
            },
            onError: (error) => {
              const duplicates = possibleDuplicates(error);
              if (duplicates) {
                setConflict(duplicates);
                toast.error('This company may already exist: check the possible duplicates.');
                return;
              }
              setConflict(null);
              setProblemOnForm(error, form.setError, COMPANY_FORM_FIELDS);
              toast.error(`Could not create the company: ${problemMessage(error)}`);
            },
          })
        }
      />
    </>
  );
}

function EditCompany({ company }: { company: CompanyView }) {
  const { workspace } = useWorkspace();
  const update = useUpdateCompany(workspace.id, company.id);
  const toast = useToast();
  const navigate = useNavigate();
  const detail = `/w/${workspace.id}/companies/${company.id}`;
  return (
    <>
      <Link to={detail} className="back-link">
        ← Back to {company.name}
      </Link>
      <PageHeader title={`Edit ${company.name}`} />
      <CompanyForm
        workspaceId={workspace.id}
        company={company}
        pending={update.isPending}
        cancelTo={detail}
        submitLabel="Save changes"
        onSubmit={(values, form) =>
          saveChanges({
            body: toUpdateCompanyRequest(values, company),
            mutate: update.mutate,
            toast,
            noun: 'company',
            savedName: (saved) => saved.name,
            onSaved: () => navigate(detail),
            setError: form.setError,
            fields: COMPANY_FORM_FIELDS,
          })
        }
      />
    </>
  );
}

export function CompanyEditPage() {
  const { companyId = '' } = useParams();
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const company = useCompany(workspace.id, companyId);
  const base = `/w/${workspace.id}/companies`;
  return (
    <EditGate
      query={company}
      noun="company"
      workspaceName={workspace.name}
      listPath={base}
      listLabel="Back to companies"
      refusal={canWrite ? null : <ViewerRefusal title="Viewers cannot change companies" workspaceName={workspace.name} role={workspace.role} backTo={base} backLabel="Back to companies" />}
    >
      {(company) => <EditCompany key={company.id} company={company} />}
    </EditGate>
  );
}
