import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import type { UserView } from '../../api/types';
import { FormAlert, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { ThemeSelect } from '../../app/ThemeSelect';
import { setProblemOnForm } from '../../lib/formErrors';
import { meKey, useMe, changePassword, updateProfile } from '../auth/queries';
import { nameSchema, newPasswordSchema } from '../auth/schemas';

const profileSchema = z.object({ name: nameSchema });
type ProfileValues = z.infer<typeof profileSchema>;

function ProfileForm({ user }: { user: UserView }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<ProfileValues>({ resolver: zodResolver(profileSchema), values: { name: user.name } });
  const { errors, isDirty } = form.formState;
  const save = useMutation({
    mutationFn: (body: ProfileValues) => updateProfile(body),
    onSuccess: (me) => {
      queryClient.setQueryData(meKey, me);
      toast.success('Profile saved');
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['name']);
      toast.error(`Could not save the profile: ${problemMessage(error)}`);
    },
  });
  return (
    <form className="card form-card" noValidate onSubmit={form.handleSubmit((v) => save.mutate(v))} aria-label="Profile">
      <h2 className="h3">Profile</h2>
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Name" autoComplete="name" error={errors.name} {...form.register('name')} />
      <TextField label="Email" value={user.email} readOnly hint={user.emailVerified ? 'Verified' : 'Not verified yet'} name="email-display" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || !isDirty}>
          {save.isPending ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}

const passwordSchema = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password'), newPassword: newPasswordSchema, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });
type PasswordValues = z.infer<typeof passwordSchema>;

function PasswordForm() {
  const toast = useToast();
  const form = useForm<PasswordValues>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  });
  const { errors } = form.formState;
  const change = useMutation({
    mutationFn: (v: PasswordValues) => changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      form.reset();
      toast.success('Password changed. Your other sessions were signed out.');
    },
    onError: (error) => {
      setProblemOnForm(error, form.setError, ['currentPassword', 'newPassword']);
      toast.error(`Could not change the password: ${problemMessage(error)}`);
    },
  });
  return (
    <form className="card form-card" noValidate onSubmit={form.handleSubmit((v) => change.mutate(v))} aria-label="Change password">
      <h2 className="h3">Change password</h2>
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Current password" type="password" autoComplete="current-password" error={errors.currentPassword} {...form.register('currentPassword')} />
      <TextField label="New password" type="password" autoComplete="new-password" error={errors.newPassword} {...form.register('newPassword')} />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirm} {...form.register('confirm')} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

export function AccountPage() {
  const me = useMe();
  if (!me.data) return <LoadingState />;
  return (
    <>
      <PageHeader title="Account" description="Your profile, appearance and password." />
      <div className="stack">
        <ProfileForm user={me.data.user} />
        <section className="card form-card" aria-labelledby="appearance-heading">
          <h2 id="appearance-heading" className="h3">
            Appearance
          </h2>
          <ThemeSelect id="account-theme" label="Color theme" />
          <p className="field-hint">“System” follows your device’s light or dark setting.</p>
        </section>
        <PasswordForm />
      </div>
    </>
  );
}
