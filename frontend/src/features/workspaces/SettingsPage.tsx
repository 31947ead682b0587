import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import type { UpdateWorkspaceRequest } from '../../api/types';
import { FormAlert, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/toastContext';
import { COMMON_CURRENCIES } from '../../lib/currencies';
import { setProblemOnForm } from '../../lib/formErrors';
import { meKey } from '../auth/queries';
import { DigestPreferencesSection } from '../notifications/NotificationSettingsPage';
import { OwnerOnly } from './OwnerOnly';
import { useWorkspace, workspaceKeys } from './workspaceContext';
import { updateWorkspace } from './queries';

const schema = z.object({
  name: z.string().trim().min(1, 'Enter a workspace name').max(100, 'Use at most 100 characters'),
  // Shape only; whether the code is a real ISO 4217 currency is the API's call.
  currency: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code, e.g. EUR')),
});
type Input = z.input<typeof schema>;
type Values = z.output<typeof schema>;

function SettingsForm() {
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<Input, unknown, Values>({
    resolver: zodResolver(schema),
    values: { name: workspace.name, currency: workspace.currency },
  });
  const { errors, isDirty } = form.formState;
  const save = useMutation({
    mutationFn: (body: Values) =>
      updateWorkspace(workspace.id, body as UpdateWorkspaceRequest),
    onSuccess: (updated) => {
      queryClient.setQueryData(workspaceKeys.detail(workspace.id), updated);
      void queryClient.invalidateQueries({ queryKey: meKey });
      toast.success('Workspace settings saved');
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['name', 'currency']);
      toast.error(`Could not save the settings: ${problemMessage(error)}`);
    },
  });

  return (
    <form className="card form-card" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))} aria-label="Workspace settings">
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Workspace name" error={errors.name} {...form.register('name')} />
      <TextField
        label="Currency"
        list="currency-options"
        autoComplete="off"
        maxLength={3}
        className="input-short"
        hint="ISO 4217 code. New products and orders use it."
        error={errors.currency}
        {...form.register('currency')}
      />
      <datalist id="currency-options">
        {COMMON_CURRENCIES.map((code) => (
          <option key={code} value={code} />
        ))}
      </datalist>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || !isDirty}>
          {save.isPending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  const { workspace } = useWorkspace();
  return (
    <OwnerOnly message="Only workspace owners can change settings">
      <PageHeader
        title="Workspace settings"
        actions={
          <>
            <Link className="btn" to={`/w/${workspace.id}/settings/lead-sources`}>
              Lead sources
            </Link>
            <Link className="btn" to={`/w/${workspace.id}/settings/pipelines`}>
              Pipelines and lost reasons
            </Link>
            <Link className="btn" to={`/w/${workspace.id}/settings/api-tokens`}>
              API tokens
            </Link>
            <Link className="btn" to={`/w/${workspace.id}/settings/notifications`}>
              Notifications
            </Link>
          </>
        }
      />
      <SettingsForm />
      <DigestPreferencesSection />
    </OwnerOnly>
  );
}
