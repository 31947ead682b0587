import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './client';
import { CSRF_HEADER, readCookie } from './csrf';

function recordingFetch() {
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(input instanceof Request ? input : new Request(input, init));
    return new Response(JSON.stringify({}), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  return { requests, fetch };
}

describe('readCookie', () => {
  it('reads one cookie among several and decodes it', () => {
    expect(readCookie('crm_csrf', 'a=1; crm_csrf=tok%2Ben; b=2')).toBe('tok+en');
    expect(readCookie('crm_csrf', 'crm_csrf_other=1')).toBeUndefined();
    expect(readCookie('crm_csrf', '')).toBeUndefined();
  });
});

describe('CSRF middleware', () => {
  const cookies = () => 'crm_session=opaque; crm_csrf=secret-123';

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('sends X-CSRF-Token from the crm_csrf cookie on %s', async (method) => {
    const { requests, fetch } = recordingFetch();
    const client = createApiClient({ baseUrl: 'http://crm.test', fetch, getCookies: cookies });
    const path = '/api/workspaces/{workspaceId}/members/{userId}/suspension' as const;
    const params = { params: { path: { workspaceId: 'w', userId: 'u' } } };
    if (method === 'POST') await client.POST('/api/auth/sign-out');
    if (method === 'PUT') await client.PUT(path, { ...params, body: {} });
    if (method === 'PATCH') await client.PATCH('/api/me', { body: { theme: 'dark' } });
    if (method === 'DELETE') await client.DELETE(path, params);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe(method);
    expect(requests[0]!.headers.get(CSRF_HEADER)).toBe('secret-123');
  });

  it('does not send the token on safe methods', async () => {
    const { requests, fetch } = recordingFetch();
    const client = createApiClient({ baseUrl: 'http://crm.test', fetch, getCookies: cookies });
    await client.GET('/api/me');
    expect(requests[0]!.headers.has(CSRF_HEADER)).toBe(false);
  });

  it('sends no header when there is no cookie (the server answers auth.csrf)', async () => {
    const { requests, fetch } = recordingFetch();
    const client = createApiClient({ baseUrl: 'http://crm.test', fetch, getCookies: () => '' });
    await client.POST('/api/auth/sign-out');
    expect(requests[0]!.headers.has(CSRF_HEADER)).toBe(false);
  });
});
