import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MemberView } from '../../api/types';
import { json, mockApi } from '../../test/api';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const members: MemberView[] = [
  {
    userId: meFixture().user.id,
    email: 'ada@example.test',
    name: 'Ada',
    role: 'manager',
    joinedAt: '2026-01-01T00:00:00Z',
    suspendedAt: null,
    suspensionReason: null,
  },
  {
    userId: '0193a000-0000-7000-8000-0000000000bb',
    email: 'olga@example.test',
    name: 'Olga',
    role: 'owner',
    joinedAt: '2026-01-01T00:00:00Z',
    suspendedAt: '2026-02-01T00:00:00Z',
    suspensionReason: 'test',
  },
];

function api(role: 'owner' | 'manager') {
  return mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: members, nextCursor: 'next-page' }),
  });
}

describe('team page', () => {
  it('is read-only for managers', async () => {
    const { seen } = api('manager');
    renderRoute(`/w/${WS_ID}/team?tab=invitations`);
    const row = await screen.findByRole('row', { name: /olga@example.test/ });
    expect(within(row).getByText('Suspended')).toBeTruthy();
    expect(within(row).getByText('Owner')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: /Role for/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Suspend|Unsuspend|Remove/ })).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Invitations' })).toBeNull();
    expect(seen.some((r) => r.url.includes('/invitations'))).toBe(false);
    expect(screen.getByRole('button', { name: 'Load more members' })).toBeTruthy();
  });

  it('gives owners controls for others but not for themselves', async () => {
    api('owner');
    renderRoute(`/w/${WS_ID}/team`);
    const olga = await screen.findByRole('row', { name: /olga@example.test/ });
    expect(within(olga).getByRole('combobox', { name: 'Role for Olga' })).toBeTruthy();
    expect(within(olga).getByRole('button', { name: 'Unsuspend Olga' })).toBeTruthy();
    expect(within(olga).getByRole('button', { name: 'Remove Olga' })).toBeTruthy();
    const self = screen.getByRole('row', { name: /ada@example.test/ });
    expect(within(self).queryByRole('button')).toBeNull();
    expect(screen.getByRole('tab', { name: 'Invitations' })).toBeTruthy();
  });
});
