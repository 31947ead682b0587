import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError, toProblem } from '../../api/problem';
import type { MeView, Theme } from '../../api/types';
import { applyTheme } from '../../lib/theme';

export const meKey = ['me'] as const;

/** The signed-in user, or `null` for an anonymous visitor (401 is not an error here). */
export async function fetchMe(): Promise<MeView | null> {
  const { data, error, response } = await api.GET('/api/me');
  if (response.status === 401) return null;
  if (!response.ok || !data) throw new ApiError(toProblem(error, response.status, response.statusText), response.url);
  return data;
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 30_000 });
}

/** Where a freshly signed-in user lands: their first workspace. */
export function homePathFor(me: MeView | null | undefined): string {
  const first = me?.workspaces[0];
  return first ? `/w/${first.workspaceId}` : '/';
}

export function useUpdateTheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (theme: Theme) => unwrap(api.PATCH('/api/me', { body: { theme } })),
    onMutate: (theme) => {
      const previous = queryClient.getQueryData<MeView | null>(meKey);
      applyTheme(theme);
      if (previous) queryClient.setQueryData<MeView>(meKey, { ...previous, user: { ...previous.user, theme } });
      return { previous };
    },
    onError: (_error, _theme, context) => {
      const previous = context?.previous;
      if (previous) {
        queryClient.setQueryData(meKey, previous);
        applyTheme(previous.user.theme);
      }
    },
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/sign-out')),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

// Requests of the auth pages (each page's mutation owns its messages) -------

export function requestSignIn(body: { email: string; password: string }) {
  return unwrap(api.POST('/api/auth/sign-in', { body }));
}

export function requestSignUp(body: { name: string; email: string; password: string; invitationId?: string }) {
  return unwrap(api.POST('/api/auth/sign-up', { body }));
}

export function requestPasswordReset(body: { email: string }) {
  return unwrap(api.POST('/api/auth/password-reset/request', { body }));
}

export function resetPassword(body: { token: string; password: string }) {
  return unwrap(api.POST('/api/auth/password-reset', { body }));
}

export function verifyEmail(token: string) {
  return unwrap(api.POST('/api/auth/email-verification', { body: { token } }));
}

export function resendVerification() {
  return unwrap(api.POST('/api/auth/email-verification/resend'));
}

export function updateProfile(body: { name: string }) {
  return unwrap(api.PATCH('/api/me', { body }));
}

export function changePassword(body: { currentPassword: string; newPassword: string }) {
  return unwrap(api.POST('/api/me/password', { body }));
}
