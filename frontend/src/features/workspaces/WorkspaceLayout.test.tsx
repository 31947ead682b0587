import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const empty = () => json({ data: [], nextCursor: null });

describe('workspace access', () => {
  it('shows the suspended state when the workspace answers workspace.suspended', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture({ role: 'manager' })),
      [`GET /api/workspaces/${WS_ID}`]: () => problem(403, 'workspace.suspended', { title: 'Forbidden', detail: 'membership suspended' }),
    });
    renderRoute(`/w/${WS_ID}`);
    expect(await screen.findByRole('heading', { name: 'Your access to this workspace is suspended' })).toBeTruthy();
  });

  it('shows the suspended state when any request in the workspace is refused that way', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture({ role: 'manager' })),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture('manager')),
      [`GET /api/workspaces/${WS_ID}/members`]: () => problem(403, 'workspace.suspended'),
    });
    renderRoute(`/w/${WS_ID}/team`);
    expect(await screen.findByRole('heading', { name: 'Your access to this workspace is suspended' })).toBeTruthy();
  });

  it('says "Workspace not found" for a 404', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => problem(404, 'workspace.not_found', { title: 'Not Found' }),
    });
    renderRoute(`/w/${WS_ID}`);
    expect(await screen.findByRole('heading', { name: 'Workspace not found' })).toBeTruthy();
  });

  it('tells a manager that settings are for owners, and hides owner links', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture({ role: 'manager' })),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture('manager')),
    });
    renderRoute(`/w/${WS_ID}/settings`);
    expect(await screen.findByRole('heading', { name: 'Only workspace owners can change settings' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Team' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Workspace' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'API tokens' })).toBeNull();
  });

  it('shows owners the settings form and their nav links', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/members`]: empty,
    });
    renderRoute(`/w/${WS_ID}/settings`);
    expect(await screen.findByRole('heading', { name: 'Workspace settings' })).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('Currency') as HTMLInputElement).value).toBe('EUR'));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Workspace' })).toBeTruthy();
    // Settings pages sit in their own section, apart from the day-to-day pages.
    const settings = within(nav).getByRole('list', { name: 'Settings' });
    expect(within(settings).getAllByRole('link').map((a) => a.textContent)).toEqual(['Team', 'Notifications', 'Workspace', 'Lead sources', 'Pipelines', 'API tokens']);
    const main = within(nav).getAllByRole('list')[0]!;
    expect(within(main).getAllByRole('link').map((a) => a.textContent)).toEqual(['Home', 'Leads', 'Contacts', 'Companies', 'Deals', 'Activities']);
  });
});
