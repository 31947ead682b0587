import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import { FormAlert, TextField } from '../../components/Field';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { AuthLayout } from './AuthLayout';
import { requestPasswordReset } from './queries';
import { emailSchema } from './schemas';

const schema = z.object({ email: emailSchema });
type Values = z.infer<typeof schema>;

export function ForgotPasswordPage() {
  const toast = useToast();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: '' } });
  const { errors } = form.formState;
  const request = useMutation({
    mutationFn: (body: Values) => requestPasswordReset(body),
    onSuccess: () => toast.success('If an account exists for that address, a reset link is on its way'),
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['email']);
      toast.error(`Could not request a reset: ${problemMessage(error)}`);
    },
  });

  return (
    <AuthLayout title="Reset your password" footer={<Link to="/sign-in">Back to sign in</Link>}>
      {request.isSuccess ? (
        <div className="notice" role="status">
          <p>
            If an account exists for <strong>{request.variables.email}</strong>, we sent a link to reset its password. The link
            expires soon; check your spam folder if it does not arrive.
          </p>
        </div>
      ) : (
        <form noValidate onSubmit={form.handleSubmit((values) => request.mutate(values))} aria-label="Request password reset">
          <p className="muted">Enter your email and we will send you a link to choose a new password.</p>
          <FormAlert message={errors.root?.server?.message} />
          <TextField label="Email" type="email" autoComplete="email" error={errors.email} {...form.register('email')} />
          <button type="submit" className="btn btn-primary btn-block" disabled={request.isPending}>
            {request.isPending ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
