import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { NotificationView, NotificationPreferencesView } from '../../api/types';
import { json, mockApi } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const LEAD_ID = '0193a000-0000-7000-8000-0000000000b1';
const base = `/api/workspaces/${WS_ID}`;

function notification(overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    id: '0193a000-0000-7000-8000-0000000000c1',
    kind: 'lead.assigned',
    entityType: 'lead',
    entityId: LEAD_ID,
    title: 'Ada Lovelace',
    createdAt: '2026-11-26T08:00:00Z',
    readAt: null,
    ...overrides,
  };
}

const defaults: NotificationPreferencesView = { overdueActivities: true, staleLeads: true, staleDeals: true, updatedAt: null };

describe('notification bell', () => {
  it('never holds the page back: the page renders while the count is still loading', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET ${base}`]: () => json(workspaceFixture()),
      [`GET ${base}/settings/notifications`]: () => json(defaults),
      [`GET ${base}/notifications/unread-count`]: () => new Promise<Response>(() => {}),
    });
    renderRoute(`/w/${WS_ID}/settings/notifications`);
    expect(await screen.findByRole('heading', { name: 'Notification settings' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Notifications' })).toBeTruthy();
    expect(screen.queryByTestId('bell-badge')).toBeNull();
  });

  it('shows the unread badge, opens the record of a clicked notification and marks it read', async () => {
    let unread = 1;
    const { seen } = mockApi({
      'GET /api/me': () => json(meFixture({ role: 'manager' })),
      [`GET ${base}`]: () => json(workspaceFixture('manager')),
      [`GET ${base}/settings/notifications`]: () => json(defaults),
      [`GET ${base}/notifications/unread-count`]: () => json({ count: unread, capped: false }),
      [`GET ${base}/notifications`]: () =>
        json({ data: [notification(), notification({ id: 'x2', kind: 'activity.assigned', entityType: 'activity', title: 'Call back', readAt: '2026-11-26T09:00:00Z' })], nextCursor: null }),
      [`POST ${base}/notifications/0193a000-0000-7000-8000-0000000000c1/read`]: () => {
        unread = 0;
        return json(notification({ readAt: '2026-11-26T10:00:00Z' }));
      },
    });
    document.cookie = 'crm_csrf=csrf-1';
    const { router } = renderRoute(`/w/${WS_ID}/settings/notifications`);
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(screen.getByTestId('bell-badge').textContent).toBe('1');
    const user = userEvent.setup();
    await user.click(bell);
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    expect(within(panel).getByText('Activity assigned to you', { exact: false })).toBeTruthy();
    await user.click(await within(panel).findByRole('button', { name: /Ada Lovelace/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/w/${WS_ID}/leads/${LEAD_ID}`));
    await waitFor(() => expect(screen.queryByTestId('bell-badge')).toBeNull());
    const read = seen.find((r) => r.method === 'POST' && r.url.endsWith('/read'));
    expect(read?.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('marks everything read from the popover and says when there is nothing', async () => {
    let unread = 3;
    const { seen } = mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET ${base}`]: () => json(workspaceFixture()),
      [`GET ${base}/settings/notifications`]: () => json(defaults),
      [`GET ${base}/notifications/unread-count`]: () => json({ count: unread, capped: false }),
      [`GET ${base}/notifications`]: () => json({ data: unread ? [notification()] : [], nextCursor: null }),
      [`POST ${base}/notifications/read-all`]: () => {
        unread = 0;
        return json({ updated: 3 });
      },
    });
    renderRoute(`/w/${WS_ID}/settings/notifications`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 3 unread' }));
    await user.click(await screen.findByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByText(/Nothing yet/)).toBeTruthy();
    expect(screen.queryByTestId('bell-badge')).toBeNull();
    expect(seen.some((r) => r.method === 'POST' && r.url.endsWith('/notifications/read-all'))).toBe(true);
  });

  it('shows 99+ when the count is capped', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET ${base}`]: () => json(workspaceFixture()),
      [`GET ${base}/settings/notifications`]: () => json(defaults),
      [`GET ${base}/notifications/unread-count`]: () => json({ count: 1000, capped: true }),
    });
    renderRoute(`/w/${WS_ID}/settings/notifications`);
    expect(await screen.findByRole('button', { name: 'Notifications, 99+ unread' })).toBeTruthy();
  });
});
