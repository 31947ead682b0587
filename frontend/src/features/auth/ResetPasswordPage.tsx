import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import { FormAlert, TextField } from '../../components/Field';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { AuthLayout } from './AuthLayout';
import { meKey, resetPassword } from './queries';
import { newPasswordSchema } from './schemas';

const schema = z
  .object({ password: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });
type Values = z.infer<typeof schema>;

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { password: '', confirm: '' } });
  const { errors } = form.formState;
  const reset = useMutation({
    mutationFn: (values: Values) => resetPassword({ token, password: values.password }),
    onSuccess: () => {
      // The reset ends every session, including this browser's.
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      toast.success('Password changed — sign in with your new password');
      navigate('/sign-in', { replace: true });
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['password']);
      toast.error(`Could not reset the password: ${problemMessage(error)}`);
    },
  });

  if (!token) {
    return (
      <AuthLayout title="Reset link is incomplete" footer={<Link to="/forgot-password">Request a new link</Link>}>
        <p role="alert">This page needs the link from the email. Request a new one if it is lost.</p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password" footer={<Link to="/sign-in">Back to sign in</Link>}>
      <form noValidate onSubmit={form.handleSubmit((values) => reset.mutate(values))} aria-label="Choose a new password">
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="New password" type="password" autoComplete="new-password" error={errors.password} {...form.register('password')} />
        <TextField label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirm} {...form.register('confirm')} />
        <button type="submit" className="btn btn-primary btn-block" disabled={reset.isPending}>
          {reset.isPending ? 'Saving…' : 'Set new password'}
        </button>
      </form>
    </AuthLayout>
  );
}
