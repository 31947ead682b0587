import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import { ROLES, type InvitationView } from '../../api/types';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert, TextField } from '../../components/Field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { capitalize, formatDate, formatDateTime, roleLabel } from '../../lib/format';
import { emailSchema } from '../auth/schemas';
import { workspaceKeys } from '../workspaces/workspaceContext';
import { useInvitations } from './queries';
import { inviteMember, revokeInvitation } from './queries';
import { LoadMore } from '../../components/LoadMore';

const schema = z.object({ email: emailSchema, role: z.enum(['owner', 'manager', 'viewer']) });
type Values = z.infer<typeof schema>;

const STATUS_TONE = { pending: 'info', accepted: 'success', revoked: 'danger', expired: 'warning' } as const;

function InviteForm({ workspaceId }: { workspaceId: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: '', role: 'manager' } });
  const { errors } = form.formState;
  const invite = useMutation({
    mutationFn: (body: Values) => inviteMember(workspaceId, body),
    onSuccess: (invitation) => {
      toast.success(`Invitation sent to ${invitation.email}`);
      form.reset({ email: '', role: form.getValues('role') });
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.invitations(workspaceId) });
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['email', 'role']);
      toast.error(`Could not send the invitation: ${problemMessage(error)}`);
    },
  });

  return (
    <form className="inline-form card" noValidate onSubmit={form.handleSubmit((v) => invite.mutate(v))} aria-label="Invite a member">
      <h2 className="h3">Invite a member</h2>
      <FormAlert message={errors.root?.server?.message} />
      <div className="form-row">
        <TextField label="Email address" type="email" autoComplete="off" error={errors.email} {...form.register('email')} />
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" {...form.register('role')}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
          {errors.role?.message && <p className="field-error">{errors.role.message}</p>}
        </div>
        <div className="field field-submit">
          <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
            {invite.isPending ? 'Sending…' : 'Send invitation'}
          </button>
        </div>
      </div>
      <p className="field-hint">The invitation link is emailed and expires in 7 days.</p>
    </form>
  );
}

export function InvitationsSection({ workspaceId }: { workspaceId: string }) {
  const invitations = useInvitations(workspaceId, true);
  const queryClient = useQueryClient();
  const toast = useToast();
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const revoke = useMutation({
    mutationFn: (invitation: InvitationView) => revokeInvitation(workspaceId, invitation.id),
    onSuccess: (_data, invitation) => {
      toast.success(`Invitation for ${invitation.email} revoked`);
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.invitations(workspaceId) });
    },
    onError: (error) => toast.error(`Could not revoke the invitation: ${problemMessage(error)}`),
  });

  let list;
  if (invitations.isPending) list = <LoadingState label="Loading invitations…" />;
  else if (invitations.isError) list = <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  else {
    const rows = invitations.data.pages.flatMap((p) => p.data);
    list =
      rows.length === 0 ? (
        <EmptyState title="No invitations yet">Invite someone with the form above.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Invitations</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email}</td>
                    <td>{roleLabel(invitation.role)}</td>
                    <td>
                      <Badge tone={STATUS_TONE[invitation.status]}>{capitalize(invitation.status)}</Badge>
                    </td>
                    <td>{formatDate(invitation.createdAt)}</td>
                    <td>{formatDateTime(invitation.expiresAt)}</td>
                    <td>
                      {invitation.status === 'pending' && (
                        <button
                          type="button"
                          className="btn btn-small btn-danger-outline"
                          aria-label={`Revoke invitation for ${invitation.email}`}
                          onClick={() => setRevoking(invitation)}
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
          <LoadMore noun="invitations" hasMore={invitations.hasNextPage} loading={invitations.isFetchingNextPage} failed={invitations.isFetchNextPageError} onLoadMore={() => void invitations.fetchNextPage()} />
        </>
      );
  }

  return (
    <section aria-labelledby="invitations-heading" className="stack">
      <h2 id="invitations-heading" className="visually-hidden">
        Invitations
      </h2>
      <InviteForm workspaceId={workspaceId} />
      {list}
      {revoking && (
        <ConfirmDialog
          title="Revoke invitation?"
          confirmLabel="Revoke invitation"
          danger
          pending={revoke.isPending}
          onCancel={() => setRevoking(null)}
          onConfirm={() => revoke.mutate(revoking)}
        >
          <p>The link sent to {revoking.email} will stop working.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
