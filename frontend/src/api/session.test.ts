import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './client';
import { safeNextPath, shouldRedirectOn401, signInUrlFor } from './session';

const req = (method: string, path: string) => new Request(`http://crm.test${path}`, { method });

describe('shouldRedirectOn401', () => {
  it('redirects for workspace and account calls', () => {
    expect(shouldRedirectOn401(req('GET', '/api/workspaces/w/members'), 'auth.unauthenticated')).toBe(true);
    expect(shouldRedirectOn401(req('PATCH', '/api/me'), undefined)).toBe(true);
  });

  it('leaves the session probe, auth endpoints and wrong passwords to the page', () => {
    expect(shouldRedirectOn401(req('GET', '/api/me'), undefined)).toBe(false);
    expect(shouldRedirectOn401(req('POST', '/api/auth/sign-in'), 'auth.invalid_credentials')).toBe(false);
    expect(shouldRedirectOn401(req('POST', '/api/me/password'), 'auth.invalid_credentials')).toBe(false);
    expect(shouldRedirectOn401(req('GET', '/api/invitations/i'), undefined)).toBe(false);
  });
});

describe('unauthorized middleware', () => {
  it('calls onUnauthorized for a 401 from a workspace call, not for the probe', async () => {
    const onUnauthorized = vi.fn();
    const fetch = vi.fn(async () => new Response(JSON.stringify({ title: 'Unauthorized', status: 401, code: 'auth.unauthenticated' }), { status: 401 }));
    const client = createApiClient({ baseUrl: 'http://crm.test', fetch, getCookies: () => '', onUnauthorized });
    await client.GET('/api/me');
    expect(onUnauthorized).not.toHaveBeenCalled();
    await client.GET('/api/workspaces/{workspaceId}', { params: { path: { workspaceId: 'w' } } });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

describe('sign-in redirects', () => {
  it('remembers where the user was', () => {
    expect(signInUrlFor({ pathname: '/w/1/team', search: '?tab=invitations' })).toBe('/sign-in?next=%2Fw%2F1%2Fteam%3Ftab%3Dinvitations');
    expect(signInUrlFor({ pathname: '/', search: '' })).toBe('/sign-in');
  });

  it('accepts only same-site paths as next', () => {
    expect(safeNextPath('/w/1')).toBe('/w/1');
    expect(safeNextPath('//evil.example')).toBeUndefined();
    expect(safeNextPath('https://evil.example')).toBeUndefined();
    expect(safeNextPath('/\\evil.example')).toBeUndefined();
    expect(safeNextPath(null)).toBeUndefined();
  });
});
