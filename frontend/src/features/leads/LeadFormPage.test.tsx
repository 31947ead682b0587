import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { LEAD_ID, leadFixture, sourcesFixture } from '../../test/leads';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

function api(role: 'owner' | 'manager' | 'viewer', post: (body: Record<string, unknown>) => Response) {
  const bodies: Record<string, unknown>[] = [];
  const mock = mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/lead-sources`]: () => json({ data: sourcesFixture }),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/leads/${LEAD_ID}`]: () => json(leadFixture({ source: 'trade_show' })),
    [`GET /api/workspaces/${WS_ID}/leads/${LEAD_ID}/timeline`]: () => json({ data: [], nextCursor: null }),
    [`POST /api/workspaces/${WS_ID}/leads`]: async (request) => {
      const body = await request.json();
      bodies.push(body);
      return post(body);
    },
  });
  return { ...mock, bodies };
}

describe('lead form', () => {
  it('shows API field errors on their fields (qualified without a next action date, unknown source)', async () => {
    const { bodies, seen } = api('manager', () =>
      problem(422, 'request.invalid', {
        errors: [
          { field: 'nextActionDate', code: 'required', message: 'required for a qualified lead' },
          { field: 'source', code: 'unknown_source', message: 'no such lead source' },
        ],
      }),
    );
    renderRoute(`/w/${WS_ID}/leads/new`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Ada Lovelace');
    await user.selectOptions(screen.getByLabelText('Status'), 'qualified');
    const source = screen.getByLabelText('Source');
    // Archived custom sources are not offered for a new lead.
    expect(within(source).queryByRole('option', { name: /Trade show/ })).toBeNull();
    expect(within(source).getByRole('option', { name: 'Podcast' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create lead' }));

    const date = screen.getByLabelText('Next action date');
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('required for a qualified lead')).toBeTruthy();
    expect(source.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('no such lead source')).toBeTruthy();
    expect(bodies[0]).toEqual({ name: 'Ada Lovelace', source: 'other', status: 'qualified' });
    expect(seen.find((r) => r.method === 'POST')?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps an archived source displayed on a lead that already has it', async () => {
    api('owner', () => json({}));
    renderRoute(`/w/${WS_ID}/leads/${LEAD_ID}/edit`);
    const source = await screen.findByLabelText('Source');
    expect((source as HTMLSelectElement).value).toBe('trade_show');
    expect(within(source).getByRole('option', { name: 'Trade show (archived)' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Form actions' })).toBeTruthy();
  });

  it('refuses viewers', async () => {
    api('viewer', () => json({}));
    renderRoute(`/w/${WS_ID}/leads/new`);
    expect(await screen.findByRole('heading', { name: 'Viewers cannot change leads' })).toBeTruthy();
    expect(screen.queryByLabelText('Name')).toBeNull();
  });
});
