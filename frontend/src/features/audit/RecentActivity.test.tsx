import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';
import { auditEventPath } from './links';

const types = ['lead', 'contact', 'deal', 'activity', 'pipeline'];
const events = types.map((entityType, i) => ({
  id: `0193a000-0000-7000-8000-00000000010${i}`,
  actorType: i === 4 ? 'token' : 'user',
  actorId: meFixture().user.id,
  action: `${entityType}.created`,
  entityType,
  entityId: `0193a000-0000-7000-8000-00000000020${i}`,
  summary: `Event ${i}`,
  at: '2026-11-25T10:00:00Z',
}));

function api(rows: typeof events) {
  return mockApi({
    'GET /api/me': () => json(meFixture()),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
    [`GET /api/workspaces/${WS_ID}/members`]: () =>
      json({ data: [{ userId: meFixture().user.id, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }] }),
    [`GET /api/workspaces/${WS_ID}/invitations`]: () => json({ data: [] }),
    [`GET /api/workspaces/${WS_ID}/audit-events`]: () => json({ data: rows, nextCursor: rows.length ? 'more' : null }),
  });
}

describe('workspace home', () => {
  it('lists the five newest audit events, each linking to its record’s page', async () => {
    const { seen } = api(events);
    renderRoute(`/w/${WS_ID}`);
    const list = await screen.findByRole('list', { name: 'Recent workspace activity' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items.map((item) => within(item).getByRole('link').getAttribute('href'))).toEqual([
      `/w/${WS_ID}/leads/${events[0]!.entityId}`,
      `/w/${WS_ID}/contacts/${events[1]!.entityId}`,
      `/w/${WS_ID}/deals/${events[2]!.entityId}`,
      `/w/${WS_ID}/activities`,
      `/w/${WS_ID}/settings/pipelines`,
    ]);
    expect(items[4]!.textContent).toContain('An API token');
    const url = new URL(seen.find((r) => r.url.includes('/audit-events'))!.url);
    expect(url.searchParams.get('limit')).toBe('5');
  });

  it('says what the feed covers when empty, and has quick links to every area', async () => {
    api([]);
    renderRoute(`/w/${WS_ID}`);
    expect((await screen.findByRole('heading', { name: 'No activity yet' })).parentElement!.textContent).toContain('leads, contacts, companies, deals, activities');
    expect(screen.queryByText(/Changes to leads and sources/)).toBeNull();
    const links = within(screen.getByRole('region', { name: 'Quick links' })).getAllByRole('link').map((a) => a.getAttribute('href'));
    for (const area of ['leads', 'contacts', 'companies', 'deals', 'activities']) expect(links).toContain(`/w/${WS_ID}/${area}`);
  });

  it('links company, lead source and workspace events; unknown kinds stay plain', () => {
    expect(auditEventPath('w', { entityType: 'company', entityId: 'c' })).toBe('/w/w/companies/c');
    expect(auditEventPath('w', { entityType: 'lead_source', entityId: 's' })).toBe('/w/w/settings/lead-sources');
    expect(auditEventPath('w', { entityType: 'product', entityId: 'p' })).toBeUndefined();
  });
});
