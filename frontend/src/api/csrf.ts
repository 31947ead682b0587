import type { Middleware } from 'openapi-fetch';

/** Cookie set by sign-in/sign-up that JavaScript may read (synchronizer token). */
export const CSRF_COOKIE = 'crm_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function readCookie(name: string, cookies: string): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

/**
 * Echoes the `crm_csrf` cookie in `X-CSRF-Token` on every unsafe request; the
 * server rejects unsafe cookie-authenticated requests without it (403 `auth.csrf`).
 */
export function csrfMiddleware(getCookies: () => string = () => document.cookie): Middleware {
  return {
    onRequest({ request }) {
      if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return undefined;
      const token = readCookie(CSRF_COOKIE, getCookies());
      if (token) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
}
