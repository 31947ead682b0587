import type { Middleware } from 'openapi-fetch';

/**
 * Decides whether a 401 means "your session is gone, sign in again".
 * Not for the session probe (GET /api/me answers 401 to anonymous visitors,
 * which the route guards handle) nor for the auth endpoints themselves
 * (a wrong password is a 401 the form must show).
 */
export function shouldRedirectOn401(request: Request, code: string | undefined): boolean {
  const path = new URL(request.url).pathname;
  if (!path.startsWith('/api/')) return false;
  if (path.startsWith('/api/auth/')) return false;
  if (path === '/api/me' && request.method.toUpperCase() === 'GET') return false;
  if (path.startsWith('/api/invitations/') && request.method.toUpperCase() === 'GET') return false;
  if (code === 'auth.invalid_credentials') return false;
  return true;
}

export function unauthorizedMiddleware(onUnauthorized: () => void): Middleware {
  return {
    async onResponse({ request, response }) {
      if (response.status !== 401) return undefined;
      let code: string | undefined;
      try {
        const body: unknown = await response.clone().json();
        if (typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string') {
          code = body.code;
        }
      } catch {
        code = undefined;
      }
      if (shouldRedirectOn401(request, code)) onUnauthorized();
      return undefined;
    },
  };
}

/** Where the browser goes when the session ended: back to here after sign-in. */
export function signInUrlFor(location: { pathname: string; search: string }): string {
  const next = location.pathname + location.search;
  if (location.pathname.startsWith('/sign-in') || next === '/') return '/sign-in';
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/** Only same-site relative paths are accepted as `?next=` targets (no open redirect). */
export function safeNextPath(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  return next;
}
