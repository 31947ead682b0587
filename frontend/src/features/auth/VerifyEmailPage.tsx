import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { problemMessage } from '../../api/problem';
import { LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { AuthLayout } from './AuthLayout';
import { meKey, verifyEmail } from './queries';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const queryClient = useQueryClient();
  const toast = useToast();
  const verify = useMutation({
    mutationFn: (value: string) => verifyEmail(value),
    onSuccess: async () => {
      // A /api/me fetch started before the verification landed would answer
      // "not verified" and win over a plain invalidation: cancel it first.
      await queryClient.cancelQueries({ queryKey: meKey });
      void queryClient.invalidateQueries({ queryKey: meKey });
      toast.success('Email address verified');
    },
    onError: (error) => toast.error(`Verification failed: ${problemMessage(error)}`),
  });
  const started = useRef(false);
  const { mutate } = verify;

  useEffect(() => {
    // Tokens are single-use: send it once even under StrictMode's double effects.
    if (!token || started.current) return;
    started.current = true;
    mutate(token);
  }, [token, mutate]);

  let body;
  if (!token) body = <p role="alert">This link is incomplete. Open the link from the email again.</p>;
  else if (verify.isSuccess) body = <p role="status">Your email address is verified. Thank you!</p>;
  else if (verify.isError)
    body = (
      <div role="alert">
        <p>{problemMessage(verify.error)}</p>
        <p className="muted">The link may have expired or been used already. Sign in and use “Resend” to get a new one.</p>
      </div>
    );
  else body = <LoadingState label="Verifying your email…" />;

  return (
    <AuthLayout title="Email verification" footer={<Link to="/">Continue to the app</Link>}>
      {body}
    </AuthLayout>
  );
}
