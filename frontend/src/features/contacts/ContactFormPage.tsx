import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ContactView } from '../../api/types';
import { TextAreaField, TextField } from '../../components/Field';
import { EditGate } from '../../components/EditGate';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { ViewerRefusal } from '../../components/ViewerRefusal';
import { useCanWriteCrm } from '../workspaces/permissions';
import { useMe } from '../auth/queries';
import { CompanyPicker } from '../companies/CompanyPicker';
import { MemberPicker } from '../team/MemberPicker';
import { TagInput } from '../leads/TagInput';
import { useWorkspace } from '../workspaces/workspaceContext';
import {
  contactFormSchema,
  contactToForm,
  emptyContactForm,
  toCreateContactRequest,
  toUpdateContactRequest,
  type ContactFormInput,
  type ContactFormValues,
} from './contactForm';
import { applyContactProblem, type ContactSubmitContext, type ExistingContact } from './problems';
import { useContact, useCreateContact, useUpdateContact } from './queries';
import { RecordForm } from '../../components/RecordForm';

interface ContactFormProps {
  workspaceId: string;
  contact?: ContactView;
  defaultCompanyId?: string;
  pending: boolean;
  cancelTo: string;
  submitLabel: string;
  onSubmit: (values: ContactFormValues, form: ContactSubmitContext) => void;
}

/** Waits for the signed-in user (the default owner); companies and members are searched as you type. */
function ContactForm(props: ContactFormProps) {
  const me = useMe();
  if (me.isPending) return <LoadingState label="Loading the form…" />;
  return <ContactFormFields {...props} currentUserId={me.data?.user.id} />;
}

function ContactFormFields({
  workspaceId,
  contact,
  defaultCompanyId,
  pending,
  cancelTo,
  submitLabel,
  onSubmit,
  currentUserId,
}: ContactFormProps & { currentUserId?: string }) {
  const form = useForm<ContactFormInput, unknown, ContactFormValues>({
    resolver: zodResolver(contactFormSchema),
    defaultValues: contact
      ? contactToForm(contact)
      : emptyContactForm({
          companyId: defaultCompanyId ?? '',
          ownerId: currentUserId ?? '',
        }),
  });
  const [emailTaken, setEmailTaken] = useState<ExistingContact | null>(null);
  const { errors } = form.formState;
  const emailId = 'contact-email';
  const emailField = form.register('email', { onChange: () => setEmailTaken(null) });

  return (
    <RecordForm
      label={contact ? `Edit ${contact.name}` : 'New contact'}
      onSubmit={form.handleSubmit((values) => onSubmit(values, { setError: form.setError, setEmailTaken }))}
      serverMessage={errors.root?.server?.message}
      cancelTo={cancelTo}
      submitLabel={submitLabel}
      pending={pending}
    >
      <section className="card form-section" aria-labelledby="contact-main-heading">
        <h2 id="contact-main-heading" className="h3">
          Person
        </h2>
        <TextField label="Name" autoComplete="off" error={errors.name} {...form.register('name')} />
        <div className="form-grid">
          <div>
            <TextField id={emailId} label="Email" type="email" autoComplete="off" error={errors.email} {...emailField} />
            {emailTaken && (
              <p id={`${emailId}-error`} className="field-error" role="alert">
                A contact with this email already exists:{' '}
                {emailTaken.id ? <Link to={`/w/${workspaceId}/contacts/${emailTaken.id}`}>{emailTaken.name}</Link> : emailTaken.name}
              </p>
            )}
          </div>
          <TextField label="Phone" type="tel" autoComplete="off" error={errors.phone} {...form.register('phone')} />
          <TextField label="Job title" autoComplete="off" error={errors.jobTitle} {...form.register('jobTitle')} />
          <Controller
            control={form.control}
            name="companyId"
            render={({ field }) => (
              <CompanyPicker label="Company" noneLabel="No company" value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} error={errors.companyId} />
            )}
          />
        </div>
        <TextField
          label="Other emails"
          autoComplete="off"
          hint="Separate addresses with commas."
          error={errors.otherEmails}
          {...form.register('otherEmails')}
        />
      </section>
      <section className="card form-section" aria-labelledby="contact-more-heading">
        <h2 id="contact-more-heading" className="h3">
          Ownership, tags and notes
        </h2>
        <Controller
          control={form.control}
          name="ownerId"
          render={({ field }) => (
            <MemberPicker label="Owner" noneLabel="No owner" value={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name} error={errors.ownerId} />
          )}
        />
        <Controller
          control={form.control}
          name="tags"
          render={({ field, fieldState }) => <TagInput label="Tags" value={field.value} onChange={field.onChange} error={fieldState.error} />}
        />
        <TextAreaField label="Address" rows={2} error={errors.address} {...form.register('address')} />
        <TextAreaField label="Notes" rows={4} error={errors.notes} {...form.register('notes')} />
      </section>
    </RecordForm>
  );
}

export function ContactCreatePage() {
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const create = useCreateContact(workspace.id);
  const toast = useToast();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const base = `/w/${workspace.id}/contacts`;
  if (!canWrite) {
    return <ViewerRefusal title="Viewers cannot change contacts" workspaceName={workspace.name} role={workspace.role} backTo={base} backLabel="Back to contacts" />;
  }
  return (
    <>
      <Link to={base} className="back-link">
        ← Back to contacts
      </Link>
      <PageHeader title="New contact" />
      <ContactForm
        workspaceId={workspace.id}
        defaultCompanyId={params.get('company') ?? undefined}
        pending={create.isPending}
        cancelTo={base}
        submitLabel="Create contact"
        onSubmit={(values, form) =>
          create.mutate(toCreateContactRequest(values), {
            onSuccess: (contact) => {
              toast.success(`Contact “${contact.name}” created`);
              navigate(`${base}/${contact.id}`);
            },
            onError: (error) => toast.error(`Could not create the contact: ${applyContactProblem(error, form)}`),
          })
        }
      />
    </>
  );
}

function EditContact({ contact }: { contact: ContactView }) {
  const { workspace } = useWorkspace();
  const update = useUpdateContact(workspace.id, contact.id);
  const toast = useToast();
  const navigate = useNavigate();
  const detail = `/w/${workspace.id}/contacts/${contact.id}`;
  return (
    <>
      <Link to={detail} className="back-link">
        ← Back to {contact.name}
      </Link>
      <PageHeader title={`Edit ${contact.name}`} />
      <ContactForm
        workspaceId={workspace.id}
        contact={contact}
        pending={update.isPending}
        cancelTo={detail}
        submitLabel="Save changes"
        onSubmit={(values, form) => {
          const body = toUpdateContactRequest(values, contact);
          if (Object.keys(body).length === 0) {
            toast.show('Nothing to save: no field changed');
            return;
          }
          update.mutate(body, {
            onSuccess: (saved) => {
              toast.success(`Contact “${saved.name}” saved`);
              navigate(detail);
            },
            onError: (error) => toast.error(`Could not save the contact: ${applyContactProblem(error, form)}`),
          });
        }}
      />
    </>
  );
}

export function ContactEditPage() {
  const { contactId = '' } = useParams();
  const { workspace } = useWorkspace();
  const canWrite = useCanWriteCrm();
  const contact = useContact(workspace.id, contactId);
  const base = `/w/${workspace.id}/contacts`;
  return (
    <EditGate
      query={contact}
      noun="contact"
      workspaceName={workspace.name}
      listPath={base}
      listLabel="Back to contacts"
      refusal={canWrite ? null : <ViewerRefusal title="Viewers cannot change contacts" workspaceName={workspace.name} role={workspace.role} backTo={base} backLabel="Back to contacts" />}
    >
      {(contact) => <EditContact key={contact.id} contact={contact} />}
    </EditGate>
  );
}
