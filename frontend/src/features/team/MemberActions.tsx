import { useId, useState } from 'react';
import { problemMessage } from '../../api/problem';
import { ROLES, type MemberView, type Role } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/toastContext';
import { roleLabel } from '../../lib/format';
import { useChangeRole, useRemoveMember, useSuspend, useUnsuspend } from './queries';

function displayName(member: MemberView) {
  return member.name || member.email;
}

export function RoleSelect({ workspaceId, member }: { workspaceId: string; member: MemberView }) {
  const changeRole = useChangeRole(workspaceId);
  const toast = useToast();
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Role for {displayName(member)}
      </label>
      <select
        id={id}
        value={member.role}
        disabled={changeRole.isPending}
        onChange={(event) => {
          const role = event.target.value as Role;
          changeRole.mutate(
            { member, role },
            {
              onSuccess: () => toast.success(`${displayName(member)} is now ${roleLabel(role).toLowerCase()}`),
              onError: (error) => toast.error(`Could not change the role: ${problemMessage(error)}`),
            },
          );
        }}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {roleLabel(role)}
          </option>
        ))}
      </select>
    </>
  );
}

type Pending = 'suspend' | 'unsuspend' | 'remove' | null;

/** Suspend/unsuspend and remove, each behind a confirmation. Owners only; not offered on yourself. */
export function MemberActions({
  workspaceId,
  member,
  onRemoved,
}: {
  workspaceId: string;
  member: MemberView;
  onRemoved?: () => void;
}) {
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const toast = useToast();
  const suspend = useSuspend(workspaceId);
  const unsuspend = useUnsuspend(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const name = displayName(member);
  const isSuspended = Boolean(member.suspendedAt);
  const close = () => {
    setPending(null);
    setReason('');
  };

  return (
    <div className="row-actions">
      {isSuspended ? (
        <button type="button" className="btn btn-small" onClick={() => setPending('unsuspend')} aria-label={`Unsuspend ${name}`}>
          Unsuspend
        </button>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setPending('suspend')} aria-label={`Suspend ${name}`}>
          Suspend
        </button>
      )}
      <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setPending('remove')} aria-label={`Remove ${name}`}>
        Remove
      </button>

      {pending === 'suspend' && (
        <ConfirmDialog
          title={`Suspend ${name}?`}
          confirmLabel="Suspend member"
          danger
          pending={suspend.isPending}
          onCancel={close}
          onConfirm={() =>
            suspend.mutate(
              { member, reason },
              {
                onSuccess: () => {
                  toast.success(`${name} is suspended from this workspace`);
                  close();
                },
                onError: (error) => toast.error(`Could not suspend ${name}: ${problemMessage(error)}`),
              },
            )
          }
        >
          <p>
            {name} loses access to this workspace at their next request. Their account and other workspaces are not affected. You can
            unsuspend them later.
          </p>
          <div className="field">
            <label htmlFor={reasonId}>Reason (optional)</label>
            <textarea id={reasonId} rows={3} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
        </ConfirmDialog>
      )}
      {pending === 'unsuspend' && (
        <ConfirmDialog
          title={`Unsuspend ${name}?`}
          confirmLabel="Unsuspend member"
          pending={unsuspend.isPending}
          onCancel={close}
          onConfirm={() =>
            unsuspend.mutate(
              { member },
              {
                onSuccess: () => {
                  toast.success(`${name} can access this workspace again`);
                  close();
                },
                onError: (error) => toast.error(`Could not unsuspend ${name}: ${problemMessage(error)}`),
              },
            )
          }
        >
          <p>{name} regains access to this workspace with the role {roleLabel(member.role).toLowerCase()}.</p>
        </ConfirmDialog>
      )}
      {pending === 'remove' && (
        <ConfirmDialog
          title={`Remove ${name}?`}
          confirmLabel="Remove member"
          danger
          pending={remove.isPending}
          onCancel={close}
          onConfirm={() =>
            remove.mutate(
              { member },
              {
                onSuccess: () => {
                  toast.success(`${name} was removed from the workspace`);
                  close();
                  onRemoved?.();
                },
                onError: (error) => toast.error(`Could not remove ${name}: ${problemMessage(error)}`),
              },
            )
          }
        >
          <p>{name} will no longer be a member of this workspace. To bring them back, invite them again.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
