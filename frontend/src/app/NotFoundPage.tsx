import { Link } from 'react-router';
import { FullPageMessage } from '../components/states';

export function NotFoundPage() {
  return (
    <div className="auth-page">
      <FullPageMessage title="Page not found">
        <p>There is nothing at this address.</p>
        <Link className="btn" to="/">
          Go home
        </Link>
      </FullPageMessage>
    </div>
  );
}
