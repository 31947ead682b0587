import { useMutation } from '@tanstack/react-query';
import { problemMessage } from '../api/problem';
import { useToast } from '../components/toastContext';
import { resendVerification } from '../features/auth/queries';

export function VerifyEmailBanner({ email }: { email: string }) {
  const toast = useToast();
  const resend = useMutation({
    mutationFn: resendVerification,
    onSuccess: () => toast.success(`Verification email sent to ${email}`),
    onError: (error) => toast.error(`Could not resend the email: ${problemMessage(error)}`),
  });
  return (
    <div className="banner" role="region" aria-label="Email verification">
      <p>
        Please verify your email address <strong>{email}</strong>. Check your inbox for the link.
      </p>
      <button type="button" className="btn btn-small" onClick={() => resend.mutate()} disabled={resend.isPending || resend.isSuccess}>
        {resend.isSuccess ? 'Email sent' : resend.isPending ? 'Sending…' : 'Resend verification email'}
      </button>
    </div>
  );
}
