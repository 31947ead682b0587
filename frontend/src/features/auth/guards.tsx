import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { safeNextPath, signInUrlFor } from '../../api/session';
import { ErrorState, FullPageMessage, LoadingState } from '../../components/states';
import { homePathFor, useMe } from './queries';

/** Renders the signed-in area, or sends anonymous visitors to sign-in with `?next=`. */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingState label="Loading your account…" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={signInUrlFor(location)} replace />;
  return children ?? <Outlet />;
}

/** Sends visitors who are already signed in away from sign-in/sign-up (to `?next=` or their workspace). */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <LoadingState />;
  if (me.data) return <Navigate to={safeNextPath(params.get('next')) ?? homePathFor(me.data)} replace />;
  return children;
}

export function RequirePlatformAdmin({ children }: { children?: ReactNode }) {
  const me = useMe();
  if (!me.data?.user.isPlatformAdmin) {
    return (
      <FullPageMessage title="Platform administrators only">
        <p>This page is available to platform administrators.</p>
      </FullPageMessage>
    );
  }
  return children ?? <Outlet />;
}
