import createClient, { type Client } from 'openapi-fetch';
import { csrfMiddleware } from './csrf';
import { ApiError, toProblem } from './problem';
import type { paths } from './schema';
import { signInUrlFor, unauthorizedMiddleware } from './session';

export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
  getCookies?: () => string;
  onUnauthorized?: () => void;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    credentials: 'include',
    fetch: options.fetch,
  });
  client.use(csrfMiddleware(options.getCookies));
  if (options.onUnauthorized) client.use(unauthorizedMiddleware(options.onUnauthorized));
  return client;
}

let redirecting = false;

function redirectToSignIn() {
  if (redirecting) return;
  if (window.location.pathname.startsWith('/sign-in')) return;
  redirecting = true;
  window.location.assign(signInUrlFor(window.location));
}

/** The SPA's client: same origin, cookies included, CSRF header, 401 → sign-in. */
export const api: ApiClient = createApiClient({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  // Resolved at call time so tests can stub the global fetch.
  fetch: (input, init) => globalThis.fetch(input, init),
  onUnauthorized: redirectToSignIn,
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the response body, or throws an {@link ApiError} carrying the problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(toProblem(error, response.status, response.statusText), response.url);
  }
  return data as T;
}
