import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

describe('sign-in page', () => {
  it('shows the API detail when the password is wrong', async () => {
    mockApi({
      'GET /api/me': () => problem(401, 'auth.unauthenticated'),
      'POST /api/auth/sign-in': () =>
        problem(401, 'auth.invalid_credentials', { title: 'Unauthorized', detail: 'Email or password is incorrect' }),
    });
    renderRoute('/sign-in');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'ada@example.test');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alerts = await screen.findAllByText('Email or password is incorrect');
    expect(alerts.length).toBeGreaterThan(0);
  });

  it('validates before calling the API', async () => {
    const { seen } = mockApi({ 'GET /api/me': () => problem(401, 'auth.unauthenticated') });
    renderRoute('/sign-in');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter a valid email address')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(seen.filter((r) => r.url.includes('/api/auth/sign-in'))).toHaveLength(0);
  });

  it('lands in the first workspace after signing in', async () => {
    let signedIn = false;
    mockApi({
      'GET /api/me': () => (signedIn ? json(meFixture()) : problem(401, 'auth.unauthenticated')),
      'POST /api/auth/sign-in': () => {
        signedIn = true;
        return json(meFixture());
      },
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
      [`GET /api/workspaces/${WS_ID}/invitations`]: () => json({ data: [], nextCursor: null }),
    });
    const { router } = renderRoute('/sign-in');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'ada@example.test');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/w/${WS_ID}`));
  });
});
