import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import type { MeView } from '../../api/types';
import { FormAlert, TextField } from '../../components/Field';
import { useToast } from '../../components/toastContext';
import { setProblemOnForm } from '../../lib/formErrors';
import { meKey, requestSignUp } from './queries';
import { emailSchema, nameSchema, newPasswordSchema } from './schemas';

const schema = z.object({ name: nameSchema, email: emailSchema, password: newPasswordSchema });
type Values = z.infer<typeof schema>;

interface SignUpFormProps {
  /** The invited address: shown, sent, but not editable. */
  lockedEmail?: string;
  invitationId?: string;
  onSignedUp: (me: MeView) => void;
}

export function SignUpForm({ lockedEmail, invitationId, onSignedUp }: SignUpFormProps) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', email: lockedEmail ?? '', password: '' },
  });
  const { errors } = form.formState;

  const signUp = useMutation({
    mutationFn: (values: Values) =>
      requestSignUp({
        name: values.name,
        // The invited address wins even if someone edits the DOM.
        email: lockedEmail ?? values.email,
        password: values.password,
        ...(invitationId ? { invitationId } : {}),
      }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meKey, me);
      toast.success(invitationId ? 'Account created — you joined the workspace' : 'Account created — check your inbox to verify your email');
      onSignedUp(me);
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['name', 'email', 'password']);
      toast.error(`Sign-up failed: ${problemMessage(error)}`);
    },
  });

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => signUp.mutate(values))} aria-label="Sign up">
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Name" autoComplete="name" error={errors.name} {...form.register('name')} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        readOnly={lockedEmail !== undefined}
        aria-readonly={lockedEmail !== undefined ? true : undefined}
        hint={lockedEmail !== undefined ? 'This is the address the invitation was sent to.' : undefined}
        error={errors.email}
        {...form.register('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        error={errors.password}
        {...form.register('password')}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={signUp.isPending}>
        {signUp.isPending ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
