import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const events = Array.from({ length: 5 }, (_, i) => ({
  id: `0193a000-0000-7000-8000-00000000010${i}`,
  actorType: i === 4 ? 'token' : 'user',
  actorId: meFixture().user.id,
  action: 'lead.created',
  entityType: i === 3 ? 'lead_source' : 'lead',
  entityId: `0193a000-0000-7000-8000-00000000020${i}`,
  summary: `Event ${i}`,
  at: '2026-11-25T10:00:00Z',
}));

describe('workspace home activity', () => {
  it('lists the five newest audit events, linking lead events to their lead', async () => {
    const { seen } = mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/members`]: () =>
        json({ data: [{ userId: meFixture().user.id, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }] }),
      [`GET /api/workspaces/${WS_ID}/invitations`]: () => json({ data: [] }),
      [`GET /api/workspaces/${WS_ID}/audit-events`]: () => json({ data: events, nextCursor: 'more' }),
    });
    renderRoute(`/w/${WS_ID}`);
    const list = await screen.findByRole('list', { name: 'Recent workspace activity' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(within(items[0]!).getByRole('link', { name: 'Event 0' }).getAttribute('href')).toBe(`/w/${WS_ID}/leads/${events[0]!.entityId}`);
    expect(within(items[3]!).queryByRole('link')).toBeNull();
    expect(items[4]!.textContent).toContain('An API token');
    const url = new URL(seen.find((r) => r.url.includes('/audit-events'))!.url);
    expect(url.searchParams.get('limit')).toBe('5');
  });
});
