import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const base = `/api/workspaces/${WS_ID}`;
const saved = { overdueActivities: true, staleLeads: true, staleDeals: true, updatedAt: null };

describe('notification settings', () => {
  it('lets a manager turn a digest signal off', async () => {
    const { seen } = mockApi({
      'GET /api/me': () => json(meFixture({ role: 'manager' })),
      [`GET ${base}`]: () => json(workspaceFixture('manager')),
      [`GET ${base}/notifications/unread-count`]: () => json({ count: 0, capped: false }),
      [`GET ${base}/settings/notifications`]: () => json(saved),
      [`PUT ${base}/settings/notifications`]: async (r) => json({ ...(await r.clone().json()), updatedAt: '2026-11-26T10:00:00Z' }),
    });
    renderRoute(`/w/${WS_ID}/settings/notifications`);
    const user = userEvent.setup();
    const save = await screen.findByRole('button', { name: 'Save digest settings' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /Stale leads/ }));
    await user.click(save);
    expect(await screen.findByText('Digest settings saved')).toBeTruthy();
    const put = seen.find((r) => r.method === 'PUT')!;
    expect(await put.clone().json()).toEqual({ overdueActivities: true, staleLeads: false, staleDeals: true });
    expect((screen.getByRole('checkbox', { name: /Stale leads/ }) as HTMLInputElement).checked).toBe(false);
  });

  it('shows viewers the settings read-only', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture({ role: 'viewer' })),
      [`GET ${base}`]: () => json(workspaceFixture('viewer')),
      [`GET ${base}/notifications/unread-count`]: () => json({ count: 0, capped: false }),
      [`GET ${base}/settings/notifications`]: () => json({ ...saved, staleDeals: false }),
    });
    renderRoute(`/w/${WS_ID}/settings/notifications`);
    const deals = (await screen.findByRole('checkbox', { name: /Stale deals/ })) as HTMLInputElement;
    expect(deals.checked).toBe(false);
    expect(deals.disabled).toBe(true);
    expect(screen.getByText(/only owners and managers can change these settings/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save digest settings' })).toBeNull();
  });

  it('shows an error with a retry when the settings cannot be loaded', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET ${base}`]: () => json(workspaceFixture()),
      [`GET ${base}/notifications/unread-count`]: () => json({ count: 0, capped: false }),
      [`GET ${base}/settings/notifications`]: () => problem(503, 'service.unavailable', { title: 'Unavailable', detail: 'db down' }),
    });
    renderRoute(`/w/${WS_ID}/settings/notifications`);
    expect(await screen.findByRole('button', { name: /Try again|Retry/ })).toBeTruthy();
  });
});
