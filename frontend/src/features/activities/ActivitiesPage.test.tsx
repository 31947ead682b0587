import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { activityFixture } from '../../test/crm';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

function api(role: 'owner' | 'viewer') {
  return mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/activities`]: () => json({ data: [activityFixture()], nextCursor: null }),
  });
}

describe('activities page', () => {
  it('starts on my open activities and keeps tabs and filters in the URL', async () => {
    const { seen } = api('owner');
    const { router } = renderRoute(`/w/${WS_ID}/activities`);
    const list = await screen.findByRole('list', { name: 'Activities' });
    expect(within(list).getByRole('button', { name: 'Complete Send the proposal' })).toBeTruthy();
    const first = new URL(seen.find((r) => r.url.includes('/activities'))!.url);
    expect(first.searchParams.get('mine')).toBe('true');
    expect(first.searchParams.get('status')).toBe('open');

    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Everyone’s' }));
    await user.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    expect(router.state.location.search).toBe('?scope=all&overdue=true');
    const last = new URL(seen.filter((r) => r.url.includes('/activities')).at(-1)!.url);
    expect(last.searchParams.get('mine')).toBeNull();
    expect(last.searchParams.get('overdue')).toBe('true');
  });

  it('gives viewers no complete or reopen buttons', async () => {
    api('viewer');
    renderRoute(`/w/${WS_ID}/activities?scope=all`);
    const list = await screen.findByRole('list', { name: 'Activities' });
    expect(within(list).getByText('Send the proposal')).toBeTruthy();
    expect(within(list).queryByRole('button')).toBeNull();
  });
});
