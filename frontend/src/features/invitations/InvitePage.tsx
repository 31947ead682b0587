import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError, problemMessage } from '../../api/problem';
import type { InvitationPreview } from '../../api/types';
import { Badge } from '../../components/Badge';
import { ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { formatDateTime, roleLabel } from '../../lib/format';
import { AuthLayout } from '../auth/AuthLayout';
import { homePathFor, meKey, useMe, useSignOut } from '../auth/queries';
import { SignUpForm } from '../auth/SignUpForm';
import { acceptInvitation, useInvitationPreview } from './queries';

const STATUS_TEXT: Record<InvitationPreview['status'], { tone: 'success' | 'warning' | 'danger' | 'info'; text: string }> = {
  pending: { tone: 'info', text: 'Pending' },
  accepted: { tone: 'success', text: 'Accepted' },
  revoked: { tone: 'danger', text: 'Revoked' },
  expired: { tone: 'warning', text: 'Expired' },
};

const CLOSED_MESSAGE: Record<Exclude<InvitationPreview['status'], 'pending'>, string> = {
  accepted: 'This invitation has already been accepted. Sign in to open the workspace.',
  revoked: 'This invitation was revoked by the workspace owner. Ask them for a new one.',
  expired: 'This invitation has expired. Ask the workspace owner to invite you again.',
};

export function InvitePage() {
  const { invitationId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const me = useMe();
  const signOut = useSignOut();
  const preview = useInvitationPreview(invitationId);
  const accept = useMutation({
    mutationFn: () => acceptInvitation(invitationId),
    onSuccess: async (workspace) => {
      toast.success(`You joined ${workspace.name}`);
      await queryClient.invalidateQueries({ queryKey: meKey });
      navigate(`/w/${workspace.id}`, { replace: true });
    },
    onError: (error) => toast.error(`Could not accept the invitation: ${problemMessage(error)}`),
  });

  if (preview.isPending || me.isPending) {
    return (
      <AuthLayout title="Invitation">
        <LoadingState label="Loading invitation…" />
      </AuthLayout>
    );
  }
  if (preview.isError) {
    const notFound = isApiError(preview.error, { status: 404 });
    return (
      <AuthLayout title={notFound ? 'Invitation not found' : 'Invitation'} footer={<Link to="/">Go to the app</Link>}>
        {notFound ? (
          <p role="alert">This invitation link is not valid. Check that you copied the whole link from the email.</p>
        ) : (
          <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
        )}
      </AuthLayout>
    );
  }

  const invitation = preview.data;
  const status = STATUS_TEXT[invitation.status];
  const user = me.data?.user;
  const sameEmail = user && user.email.toLowerCase() === invitation.email.toLowerCase();
  const next = `/invite/${invitationId}`;

  let action;
  if (invitation.status !== 'pending') {
    action = (
      <div className="notice notice-warning" role="alert">
        <p>{CLOSED_MESSAGE[invitation.status]}</p>
        {user ? <Link to={homePathFor(me.data)}>Go to your workspace</Link> : <Link to="/sign-in">Sign in</Link>}
      </div>
    );
  } else if (user && sameEmail) {
    action = (
      <button type="button" className="btn btn-primary btn-block" onClick={() => accept.mutate()} disabled={accept.isPending}>
        {accept.isPending ? 'Joining…' : `Accept and join ${invitation.workspaceName}`}
      </button>
    );
  } else if (user) {
    action = (
      <div className="notice notice-warning" role="alert">
        <p>
          You are signed in as <strong>{user.email}</strong>, but this invitation is for <strong>{invitation.email}</strong>.
        </p>
        <button type="button" className="btn" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out to continue
        </button>
      </div>
    );
  } else if (invitation.accountExists) {
    action = (
      <div className="stack">
        <p>An account already exists for {invitation.email}. Sign in to accept.</p>
        <Link
          className="btn btn-primary btn-block"
          to={`/sign-in?next=${encodeURIComponent(next)}&email=${encodeURIComponent(invitation.email)}`}
        >
          Sign in to accept
        </Link>
      </div>
    );
  } else {
    action = (
      <div className="stack">
        <h2 className="h3">Create your account to join</h2>
        <SignUpForm
          lockedEmail={invitation.email}
          invitationId={invitation.id}
          onSignedUp={(signedUp) => navigate(homePathFor(signedUp), { replace: true })}
        />
        <p className="muted small">
          Already have an account? <Link to={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in instead</Link>
        </p>
      </div>
    );
  }

  return (
    <AuthLayout title={`Join ${invitation.workspaceName}`} subtitle="You have been invited to a CRM workspace.">
      <dl className="details" aria-label="Invitation details">
        <div>
          <dt>Workspace</dt>
          <dd>{invitation.workspaceName}</dd>
        </div>
        <div>
          <dt>Invited email</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{roleLabel(invitation.role)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Badge tone={status.tone}>{status.text}</Badge>
          </dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>{formatDateTime(invitation.expiresAt)}</dd>
        </div>
      </dl>
      {action}
    </AuthLayout>
  );
}
