import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import type { ApiTokenView, CreatedApiTokenView } from '../../api/types';
import { createApiToken, revokeApiToken, useApiTokens } from './queries';
import { scopeOptions, USABLE_SCOPES } from './scopes';
import { Badge } from '../../components/Badge';
import { FormAlert, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { formatDateTime } from '../../lib/format';
import { OwnerOnly } from '../workspaces/OwnerOnly';
import { useWorkspace, workspaceKeys } from '../workspaces/workspaceContext';
import { SecretDialog } from './SecretDialog';
import { LoadMore } from '../../components/LoadMore';
import { useConfirmedMutation } from '../../components/useConfirmedMutation';


const schema = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(100, 'Use at most 100 characters'),
  scopes: z.array(z.enum(USABLE_SCOPES as [string, ...string[]])).min(1, 'Choose at least one scope'),
});
type Values = z.infer<typeof schema>;

function CreateTokenForm({ workspaceId, onCreated }: { workspaceId: string; onCreated: (created: CreatedApiTokenView) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', scopes: [] } });
  const { errors } = form.formState;
  const create = useMutation({
    // The response carries the secret: keep it out of the mutation cache.
    gcTime: 0,
    mutationFn: (body: Values) =>
      createApiToken(workspaceId, { name: body.name, scopes: body.scopes as ApiTokenView['scopes'] }),
    onSuccess: (created) => {
      toast.success(`API token “${created.token.name}” created`);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.apiTokens(workspaceId) });
      onCreated(created);
      create.reset();
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['name', 'scopes']);
      toast.error(`Could not create the token: ${problemMessage(error)}`);
    },
  });

  return (
    <form className="card form-card" noValidate onSubmit={form.handleSubmit((v) => create.mutate(v))} aria-label="Create API token">
      <h2 className="h3">Create a token</h2>
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Token name" hint="For example the integration that will use it." error={errors.name} {...form.register('name')} />
      <fieldset className="fieldset" aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
        <legend>Scopes</legend>
        <p className="field-hint">Grant only what the integration needs.</p>
        <div className="checkbox-grid">
          {scopeOptions().map(({ scope, usable, note }) => (
            <label key={scope} className={usable ? 'checkbox' : 'checkbox is-disabled'}>
              {/* Scopes of modules not shipped yet are shown, not offered: they would unlock nothing. */}
              <input type="checkbox" value={scope} disabled={!usable} aria-describedby={`scope-${scope.replace(':', '-')}-note`} {...form.register('scopes')} />
              <span>
                <code>{scope}</code>{' '}
                <span id={`scope-${scope.replace(':', '-')}-note`} className="muted small">
                  {note}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errors.scopes?.message && (
          <p id="scopes-error" className="field-error" role="alert">
            {errors.scopes.message}
          </p>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

function TokensTable({ workspaceId }: { workspaceId: string }) {
  const tokens = useApiTokens(workspaceId);
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (token: ApiTokenView) => revokeApiToken(workspaceId, token.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: workspaceKeys.apiTokens(workspaceId) }),
  });
  const confirmRevoke = useConfirmedMutation(revoke, {
    title: (token) => `Revoke “${token.name}”?`,
    body: () => <p>Integrations using this token stop working at their next request. This cannot be undone.</p>,
    confirmLabel: 'Revoke token',
    danger: true,
    done: (token) => `API token “${token.name}” revoked`,
    failed: () => 'Could not revoke the token',
  });

  if (tokens.isPending) return <LoadingState label="Loading API tokens…" />;
  if (tokens.isError) return <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />;
  const rows = tokens.data.pages.flatMap((p) => p.data);
  if (rows.length === 0) return <EmptyState title="No API tokens yet">Create one to connect an integration.</EmptyState>;

  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>
                  <ul className="scope-list">
                    {token.scopes.map((s) => (
                      <li key={s}>
                        <code>{s}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{formatDateTime(token.createdAt)}</td>
                <td>{formatDateTime(token.lastUsedAt, 'Never')}</td>
                <td>{token.revokedAt ? <Badge tone="danger">Revoked {formatDateTime(token.revokedAt)}</Badge> : <Badge tone="success">Active</Badge>}</td>
                <td>
                  {!token.revokedAt && (
                    <button
                      type="button"
                      className="btn btn-small btn-danger-outline"
                      aria-label={`Revoke token ${token.name}`}
                      onClick={() => confirmRevoke.ask(token)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore noun="tokens" hasMore={tokens.hasNextPage} loading={tokens.isFetchingNextPage} failed={tokens.isFetchNextPageError} onLoadMore={() => void tokens.fetchNextPage()} />
      {confirmRevoke.dialog}
    </>
  );
}

export function ApiTokensPage() {
  const { workspace } = useWorkspace();
  const [created, setCreated] = useState<CreatedApiTokenView | null>(null);
  return (
    <OwnerOnly message="Only workspace owners can manage API tokens">
      <PageHeader
        title="API tokens"
        description="Tokens let integrations call the public API for this workspace."
        actions={
          <Link className="btn" to={`/w/${workspace.id}/settings`}>
            Workspace settings
          </Link>
        }
      />
      <div className="stack">
        <CreateTokenForm workspaceId={workspace.id} onCreated={setCreated} />
        <section aria-labelledby="tokens-heading" className="stack">
          <h2 id="tokens-heading" className="h3">
            Tokens
          </h2>
          <TokensTable workspaceId={workspace.id} />
        </section>
      </div>
      {created && <SecretDialog created={created} onClose={() => setCreated(null)} />}
    </OwnerOnly>
  );
}
