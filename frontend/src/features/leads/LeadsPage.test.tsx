import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { leadFixture, sourcesFixture } from '../../test/leads';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

function api(role: 'owner' | 'viewer', leads = [leadFixture({ stale: true, overdue: true })]) {
  return mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/lead-sources`]: () => json({ data: sourcesFixture }),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/leads`]: () => json({ data: leads, nextCursor: 'cursor-2' }),
  });
}

describe('leads list', () => {
  it('sends the URL filters to the API and shows the rows with their badges', async () => {
    const { seen } = api('owner');
    renderRoute(`/w/${WS_ID}/leads?q=grace&status=new&stale=true&sort=name`);
    const row = await screen.findByRole('row', { name: /Grace Hopper/ });
    expect(within(row).getByText('Stale')).toBeTruthy();
    expect(within(row).getByText('Overdue')).toBeTruthy();
    expect(within(row).getByText('Referral')).toBeTruthy();
    expect(within(row).getByRole('meter', { name: 'Score 55 of 100' })).toBeTruthy();
    const url = new URL(seen.find((r) => new URL(r.url).pathname.endsWith('/leads'))!.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'grace', status: 'new', stale: 'true', sort: 'name', limit: '25' });
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('new');
    expect((screen.getByRole('checkbox', { name: 'Stale only' }) as HTMLInputElement).checked).toBe(true);
  });

  it('keeps paging and filter changes in the URL', async () => {
    api('owner');
    const { router } = renderRoute(`/w/${WS_ID}/leads?status=new`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Next page' }));
    expect(router.state.location.search).toBe('?status=new&after=cursor-2');
    await user.selectOptions(screen.getByLabelText('Source'), 'podcast');
    await waitFor(() => expect(router.state.location.search).toBe('?status=new&source=podcast'));
  });

  it('offers "New lead" in the empty state, but not to viewers', async () => {
    api('owner', []);
    const owner = renderRoute(`/w/${WS_ID}/leads`);
    expect(await screen.findByText('No leads yet')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'New lead' })).toHaveLength(2);
    owner.unmount();

    api('viewer', []);
    renderRoute(`/w/${WS_ID}/leads`);
    expect(await screen.findByText('No leads yet')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'New lead' })).toBeNull();
  });

  it('names assignees beyond the first page of members, and filters by any member searched on the server', async () => {
    const farId = '0193a000-0000-7000-8000-0000000000f1';
    const goneId = '0193a000-0000-7000-8000-0000000000f2';
    const zoe = { userId: farId, email: 'zoe@example.test', name: 'Zoe Far', role: 'manager', joinedAt: '2026-01-01T00:00:00Z' };
    const memberQueries: string[] = [];
    mockApi({
      'GET /api/me': () => json(meFixture({ role: 'owner' })),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture('owner')),
      [`GET /api/workspaces/${WS_ID}/lead-sources`]: () => json({ data: sourcesFixture }),
      // The first page of members has neither of them.
      [`GET /api/workspaces/${WS_ID}/members`]: (request) => {
        const q = new URL(request.url).searchParams.get('q') ?? '';
        memberQueries.push(q);
        return json({ data: q ? [zoe] : [], nextCursor: null });
      },
      [`GET /api/workspaces/${WS_ID}/members/${farId}`]: () => json(zoe),
      [`GET /api/workspaces/${WS_ID}/members/${goneId}`]: () => problem(404, 'member.not_found'),
      [`GET /api/workspaces/${WS_ID}/leads`]: () =>
        json({
          data: [leadFixture({ id: 'l1', name: 'Grace Hopper', assigneeId: farId }), leadFixture({ id: 'l2', name: 'Alan Turing', assigneeId: goneId })],
          nextCursor: null,
        }),
    });
    const { router } = renderRoute(`/w/${WS_ID}/leads`);
    const user = userEvent.setup();
    expect(await within(await screen.findByRole('row', { name: /Grace Hopper/ })).findByText('Zoe Far')).toBeTruthy();
    expect(await within(screen.getByRole('row', { name: /Alan Turing/ })).findByText('A former member')).toBeTruthy();

    const assignee = screen.getByRole('combobox', { name: 'Assignee' });
    await user.type(assignee, 'zoe');
    await user.click(await within(screen.getByRole('listbox', { name: 'Assignee choices' })).findByRole('option', { name: /^Zoe Far/ }));
    await waitFor(() => expect(router.state.location.search).toBe(`?assignee=${farId}`));
    expect(memberQueries).toContain('zoe');
    expect((screen.getByRole('combobox', { name: 'Assignee' }) as HTMLInputElement).value).toBe('Zoe Far');
  });
});
