import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

describe('API tokens', () => {
  it('offers only the scopes that unlock something today; the others are shown disabled with when they will', async () => {
    const bodies: unknown[] = [];
    const token = { id: 't1', name: 'Zapier', scopes: ['leads:read'], prefix: 'crm_ab', createdAt: '2026-11-01T00:00:00Z' };
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/api-tokens`]: () => json({ data: [], nextCursor: null }),
      [`POST /api/workspaces/${WS_ID}/api-tokens`]: async (request) => {
        bodies.push(await request.json());
        return json({ token, secret: 'crm_ab_secret' }, 201);
      },
    });
    renderRoute(`/w/${WS_ID}/settings/api-tokens`);
    const form = await screen.findByRole('form', { name: 'Create API token' });
    const box = (scope: string) => within(form).getByRole('checkbox', { name: new RegExp(`^${scope}`) }) as HTMLInputElement;
    expect(box('leads:read').disabled).toBe(false);
    expect(box('leads:write').disabled).toBe(false);
    for (const scope of ['products:read', 'customers:read', 'customers:write', 'orders:read', 'orders:write']) expect(box(scope).disabled).toBe(true);
    expect(box('orders:write').parentElement!.textContent).toContain('Available when the orders module ships');
    expect(box('products:read').parentElement!.textContent).toContain('Available when the catalog module ships');

    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('Token name'), 'Zapier');
    await user.click(box('leads:read'));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(bodies).toEqual([{ name: 'Zapier', scopes: ['leads:read'] }]));
  });

  it('revokes a token only after confirming, then says so', async () => {
    const token = { id: 't1', name: 'Zapier', scopes: ['leads:read'], prefix: 'crm_ab', createdAt: '2026-11-01T00:00:00Z' };
    let revoked = 0;
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/api-tokens`]: () => json({ data: [revoked ? { ...token, revokedAt: '2026-11-02T00:00:00Z' } : token], nextCursor: null }),
      [`DELETE /api/workspaces/${WS_ID}/api-tokens/t1`]: () => {
        revoked += 1;
        return new Response(null, { status: 204 });
      },
    });
    renderRoute(`/w/${WS_ID}/settings/api-tokens`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke token Zapier' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke “Zapier”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(revoked).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Revoke token Zapier' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('API token “Zapier” revoked')).toBeTruthy();
    expect(revoked).toBe(1);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });
});
