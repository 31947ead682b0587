import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const INV = '0193a000-0000-7000-8000-0000000000ff';
const preview = (overrides: Record<string, unknown> = {}) => ({
  id: INV,
  workspaceName: "Ada's workspace",
  email: 'bob@example.test',
  role: 'manager',
  status: 'pending',
  expiresAt: '2030-01-01T00:00:00Z',
  accountExists: false,
  ...overrides,
});

describe('invitation page', () => {
  it('signs up with the invited email locked and the invitation id', async () => {
    let body: unknown;
    const me = { ...meFixture({ role: 'manager' }), user: { ...meFixture().user, email: 'bob@example.test', name: 'Bob' } };
    mockApi({
      'GET /api/me': () => problem(401, 'auth.unauthenticated'),
      [`GET /api/invitations/${INV}`]: () => json(preview()),
      'POST /api/auth/sign-up': async (request) => {
        body = await request.json();
        return json(me, 201);
      },
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture('manager')),
    });
    const { router } = renderRoute(`/invite/${INV}`);
    const email = (await screen.findByLabelText('Email')) as HTMLInputElement;
    expect(email.value).toBe('bob@example.test');
    expect(email.readOnly).toBe(true);
    expect(screen.getByText('Manager')).toBeTruthy();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Bob');
    await user.type(screen.getByLabelText('Password'), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/w/${WS_ID}`));
    expect(body).toEqual({ name: 'Bob', email: 'bob@example.test', password: 'long enough password', invitationId: INV });
  });

  it.each([
    ['revoked', /revoked/i],
    ['expired', /expired/i],
    ['accepted', /already been accepted/i],
  ])('explains a %s invitation', async (status, text) => {
    mockApi({
      'GET /api/me': () => problem(401, 'auth.unauthenticated'),
      [`GET /api/invitations/${INV}`]: () => json(preview({ status })),
    });
    renderRoute(`/invite/${INV}`);
    expect(await screen.findByText(text, { selector: 'p' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create account' })).toBeNull();
  });

  it('offers Accept to the invited user when signed in', async () => {
    const me = { ...meFixture(), user: { ...meFixture().user, email: 'bob@example.test' } };
    mockApi({
      'GET /api/me': () => json(me),
      [`GET /api/invitations/${INV}`]: () => json(preview({ accountExists: true })),
    });
    renderRoute(`/invite/${INV}`);
    expect(await screen.findByRole('button', { name: /Accept and join/ })).toBeTruthy();
  });
});
