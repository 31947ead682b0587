import { Link, useNavigate, useSearchParams } from 'react-router';
import { safeNextPath } from '../../api/session';
import { AuthLayout } from './AuthLayout';
import { homePathFor } from './queries';
import { SignUpForm } from './SignUpForm';

export function SignUpPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  return (
    <AuthLayout
      title="Create your account"
      subtitle="You get your own workspace; invite your team from there."
      footer={
        <p>
          Already have an account? <Link to={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>Sign in</Link>
        </p>
      }
    >
      <SignUpForm onSignedUp={(me) => navigate(next ?? homePathFor(me), { replace: true })} />
    </AuthLayout>
  );
}
