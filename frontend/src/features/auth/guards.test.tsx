import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

describe('route guards', () => {
  it('sends an anonymous visitor to sign-in and remembers the page', async () => {
    mockApi({ 'GET /api/me': () => problem(401, 'auth.unauthenticated') });
    const { router } = renderRoute(`/w/${WS_ID}/team`);
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent(`/w/${WS_ID}/team`)}`);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('sends a signed-in user from / to their first workspace', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
      [`GET /api/workspaces/${WS_ID}/invitations`]: () => json({ data: [], nextCursor: null }),
    });
    const { router } = renderRoute('/');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/w/${WS_ID}`));
    expect(await screen.findByRole('heading', { level: 1, name: "Ada's workspace" })).toBeTruthy();
  });

  it('keeps signed-in users away from the sign-in page', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
      [`GET /api/workspaces/${WS_ID}/invitations`]: () => json({ data: [], nextCursor: null }),
    });
    const { router } = renderRoute('/sign-in?next=%2Faccount');
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
  });

  it('hides the admin page from non-admins', async () => {
    mockApi({ 'GET /api/me': () => json(meFixture()) });
    renderRoute('/admin/users');
    expect(await screen.findByRole('heading', { name: 'Platform administrators only' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Admin: users' })).toBeNull();
  });
});
