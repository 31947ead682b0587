import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { FullPageMessage } from '../components/states';

/** Last resort for a render error: say so, and offer a way out. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : 'Unknown error';
  return (
    <div className="auth-page">
      <FullPageMessage title="Something went wrong">
        <p>The page failed to render: {message}</p>
        <Link className="btn" to="/">
          Go home
        </Link>
      </FullPageMessage>
    </div>
  );
}
