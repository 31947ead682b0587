import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Navigate, useNavigate } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import { FormAlert, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { homePathFor, meKey, useMe } from '../auth/queries';
import { createWorkspace } from './queries';

const schema = z.object({ name: z.string().trim().min(1, 'Enter a workspace name').max(100, 'Use at most 100 characters') });
type Values = z.infer<typeof schema>;

/** `/`: go to the first workspace, or offer to create one when the user has none. */
export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return <LoadingState />;
  if (me.data.workspaces.length > 0) return <Navigate to={homePathFor(me.data)} replace />;
  return <CreateWorkspace />;
}

function CreateWorkspace() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '' } });
  const { errors } = form.formState;
  const create = useMutation({
    mutationFn: (body: Values) => createWorkspace(body),
    onSuccess: async (workspace) => {
      toast.success(`Workspace ${workspace.name} created`);
      await queryClient.invalidateQueries({ queryKey: meKey });
      navigate(`/w/${workspace.id}`);
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['name']);
      toast.error(`Could not create the workspace: ${problemMessage(error)}`);
    },
  });
  return (
    <>
      <PageHeader title="You are not in any workspace" description="Create one, or ask a workspace owner to invite you." />
      <form className="card form-card" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))} aria-label="Create workspace">
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Workspace name" error={errors.name} {...form.register('name')} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create workspace'}
          </button>
        </div>
      </form>
    </>
  );
}
