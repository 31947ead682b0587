import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import { safeNextPath } from '../../api/session';
import { FormAlert, TextField } from '../../components/Field';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { AuthLayout } from './AuthLayout';
import { homePathFor, meKey, requestSignIn } from './queries';
import { emailSchema } from './schemas';

const schema = z.object({ email: emailSchema, password: z.string().min(1, 'Enter your password') });
type Values = z.infer<typeof schema>;

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: params.get('email') ?? '', password: '' } });
  const { errors } = form.formState;

  const signIn = useMutation({
    mutationFn: (body: Values) => requestSignIn(body),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meKey, me);
      toast.success(`Signed in as ${me.user.email}`);
      navigate(next ?? homePathFor(me), { replace: true });
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['email', 'password']);
      toast.error(`Sign-in failed: ${problemMessage(error)}`);
    },
  });

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back."
      footer={
        <>
          <p>
            No account yet? <Link to={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}>Create one</Link>
          </p>
        </>
      }
    >
      <form noValidate onSubmit={form.handleSubmit((values) => signIn.mutate(values))} aria-label="Sign in">
        <FormAlert message={errors.root?.server?.message} />
        <TextField label="Email" type="email" autoComplete="email" error={errors.email} {...form.register('email')} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
          {...form.register('password')}
        />
        <p className="form-aside">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
