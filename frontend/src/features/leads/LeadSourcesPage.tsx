import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import type { LeadSourceView } from '../../api/types';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { OwnerOnly } from '../workspaces/OwnerOnly';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCreateLeadSource, useLeadSources, useSetLeadSourceArchived } from './queries';

const schema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, '2 to 40 lower-case letters, digits, “_” or “-”, starting with a letter or digit'),
  label: z.string().trim().min(1, 'Give the source a label').max(60, 'Use at most 60 characters'),
});
type Values = z.infer<typeof schema>;

function AddSourceForm({ workspaceId }: { workspaceId: string }) {
  const toast = useToast();
  const create = useCreateLeadSource(workspaceId);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { slug: '', label: '' } });
  const { errors } = form.formState;
  return (
    <form
      className="card form-card"
      noValidate
      aria-label="Add a lead source"
      onSubmit={form.handleSubmit((values) =>
        create.mutate(values, {
          onSuccess: () => {
            toast.success(`Lead source “${values.label}” added`);
            form.reset();
          },
          onError: (error) => {
            setProblemOnForm(error, form.setError, ['slug', 'label']);
            toast.error(`Could not add the source: ${problemMessage(error)}`);
          },
        }),
      )}
    >
      <h2 className="h3">Add a custom source</h2>
      <FormAlert message={errors.root?.server?.message} />
      <div className="form-grid">
        <TextField label="Slug" autoComplete="off" hint="Stored on leads and used by the API, e.g. trade_show." error={errors.slug} {...form.register('slug')} />
        <TextField label="Label" autoComplete="off" hint="What people see, e.g. Trade show." error={errors.label} {...form.register('label')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add source'}
        </button>
      </div>
    </form>
  );
}

function SourcesTable({ workspaceId }: { workspaceId: string }) {
  const sources = useLeadSources(workspaceId);
  const setArchived = useSetLeadSourceArchived(workspaceId);
  const toast = useToast();
  const [pending, setPending] = useState<LeadSourceView | null>(null);

  if (sources.isPending) return <LoadingState label="Loading lead sources…" />;
  if (sources.isError) return <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />;

  const archive = pending ? !pending.archived : false;
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Lead sources</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Slug</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sources.data.map((source) => (
              <tr key={source.slug}>
                <td>{source.label}</td>
                <td>
                  <code>{source.slug}</code>
                </td>
                <td>{source.builtIn ? <Badge tone="info">Built-in</Badge> : <Badge>Custom</Badge>}</td>
                <td>{source.archived ? <Badge tone="warning">Archived</Badge> : <Badge tone="success">Active</Badge>}</td>
                <td>
                  {!source.builtIn && (
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`${source.archived ? 'Unarchive' : 'Archive'} source ${source.label}`}
                      onClick={() => setPending(source)}
                    >
                      {source.archived ? 'Unarchive' : 'Archive'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pending && (
        <ConfirmDialog
          title={`${archive ? 'Archive' : 'Unarchive'} “${pending.label}”?`}
          confirmLabel={archive ? 'Archive source' : 'Unarchive source'}
          danger={archive}
          pending={setArchived.isPending}
          onCancel={() => setPending(null)}
          onConfirm={() =>
            setArchived.mutate(
              { slug: pending.slug, archived: archive },
              {
                onSuccess: () => {
                  toast.success(`Lead source “${pending.label}” ${archive ? 'archived' : 'unarchived'}`);
                  setPending(null);
                },
                onError: (error) => toast.error(`Could not update the source: ${problemMessage(error)}`),
              },
            )
          }
        >
          {archive ? (
            <p>New leads can no longer use this source. Leads that already have it keep it.</p>
          ) : (
            <p>New leads can use this source again.</p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

export function LeadSourcesPage() {
  const { workspace } = useWorkspace();
  return (
    <OwnerOnly message="Only workspace owners can manage lead sources">
      <PageHeader
        title="Lead sources"
        description="Where leads come from. Built-in sources are always available; add your own and archive those you no longer use."
        actions={
          <Link className="btn" to={`/w/${workspace.id}/settings`}>
            Workspace settings
          </Link>
        }
      />
      <div className="stack">
        <AddSourceForm workspaceId={workspace.id} />
        <section aria-labelledby="sources-heading" className="stack">
          <h2 id="sources-heading" className="h3">
            Sources
          </h2>
          <SourcesTable workspaceId={workspace.id} />
        </section>
      </div>
    </OwnerOnly>
  );
}
