import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { sourcesFixture } from '../../test/leads';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

function api(role: 'owner' | 'manager') {
  const archived: string[] = [];
  const mock = mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/lead-sources`]: () => json({ data: sourcesFixture }),
    [`PUT /api/workspaces/${WS_ID}/lead-sources/podcast/archived`]: () => {
      archived.push('podcast');
      return json({ ...sourcesFixture[4], archived: true });
    },
  });
  return { ...mock, archived };
}

describe('lead sources settings', () => {
  it('marks built-ins as not archivable and archives a custom source after confirmation', async () => {
    const { archived } = api('owner');
    renderRoute(`/w/${WS_ID}/settings/lead-sources`);
    const website = await screen.findByRole('row', { name: /website/ });
    expect(within(website).getByText('Built-in')).toBeTruthy();
    expect(within(website).queryByRole('button')).toBeNull();
    expect(within(screen.getByRole('row', { name: /trade_show/ })).getByRole('button', { name: 'Unarchive source Trade show' })).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Archive source Podcast' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Archive “Podcast”?' });
    expect(archived).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Archive source' }));
    await waitFor(() => expect(archived).toEqual(['podcast']));
    expect(await screen.findByText('Lead source “Podcast” archived')).toBeTruthy();
  });

  it('shows the refusal to non-owners', async () => {
    api('manager');
    renderRoute(`/w/${WS_ID}/settings/lead-sources`);
    expect(await screen.findByRole('heading', { name: 'Only workspace owners can manage lead sources' })).toBeTruthy();
    expect(screen.queryByLabelText('Slug')).toBeNull();
  });
});
