import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { COMPANY_ID, companyFixture } from '../../test/crm';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const ME_ID = meFixture().user.id;
const existing = { id: '0193a000-0000-7000-8000-0000000000d9', name: 'Analytical Engines Ltd', domain: 'engines.test', reason: 'domain' };

function api(role: 'owner' | 'manager' | 'viewer', post: (body: Record<string, unknown>) => Response) {
  const bodies: Record<string, unknown>[] = [];
  const mock = mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/members/${ME_ID}`]: () =>
      json({ userId: ME_ID, email: 'me@example.test', name: 'Me', role, joinedAt: '2026-01-01T00:00:00Z' }),
    [`GET /api/workspaces/${WS_ID}/company-duplicates`]: (request) =>
      json({ data: new URL(request.url).searchParams.get('domain') === 'engines.test' ? [existing] : [] }),
    [`GET /api/workspaces/${WS_ID}/companies/${COMPANY_ID}`]: () => json(companyFixture()),
    [`GET /api/workspaces/${WS_ID}/companies/${COMPANY_ID}/contacts`]: () => json({ data: [], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/companies/${COMPANY_ID}/timeline`]: () => json({ data: [], nextCursor: null }),
    [`POST /api/workspaces/${WS_ID}/companies`]: async (request) => {
      const body = await request.json();
      bodies.push(body);
      return post(body);
    },
  });
  return { ...mock, bodies };
}

describe('company form', () => {
  it('warns about possible duplicates while typing, and on 409 offers "Create anyway" which confirms', async () => {
    const { bodies } = api('manager', (body) =>
      body.confirmDuplicate
        ? json(companyFixture({ name: 'Analytical Engines' }), 201)
        : problem(409, 'company.possible_duplicate', { detail: 'a company with this domain exists', duplicates: [existing] }),
    );
    renderRoute(`/w/${WS_ID}/companies/new`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Analytical Engines');
    await user.type(screen.getByLabelText('Domain'), 'engines.test');

    const live = await screen.findByRole('status', { name: 'Possible duplicates' }, { timeout: 3000 });
    expect(within(live).getByRole('link', { name: 'Analytical Engines Ltd' }).getAttribute('href')).toBe(`/w/${WS_ID}/companies/${existing.id}`);

    await user.click(screen.getByRole('button', { name: 'Create company' }));
    const conflict = await screen.findByRole('alert', { name: 'Possible duplicate companies' });
    expect(within(conflict).getByRole('link', { name: 'Analytical Engines Ltd' })).toBeTruthy();
    // The owner defaults to the signed-in user (searched picker, like the contact form).
    expect(bodies[0]).toEqual({ name: 'Analytical Engines', domain: 'engines.test', status: 'prospect', ownerId: ME_ID });

    await user.click(within(conflict).getByRole('button', { name: 'Create anyway' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({ name: 'Analytical Engines', domain: 'engines.test', status: 'prospect', ownerId: ME_ID, confirmDuplicate: true });
    expect(await screen.findByRole('heading', { level: 1, name: 'Analytical Engines' })).toBeTruthy();
  });

  it('puts API field errors on their fields', async () => {
    api('owner', () => problem(422, 'request.invalid', { errors: [{ field: 'website', code: 'invalid_url', message: 'not a valid URL' }] }));
    renderRoute(`/w/${WS_ID}/companies/new`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Babbage & Co');
    await user.type(screen.getByLabelText('Website'), 'not a url');
    await user.click(screen.getByRole('button', { name: 'Create company' }));
    await waitFor(() => expect(screen.getByLabelText('Website').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('not a valid URL')).toBeTruthy();
  });

  it('refuses viewers', async () => {
    api('viewer', () => json({}));
    renderRoute(`/w/${WS_ID}/companies/new`);
    expect(await screen.findByRole('heading', { name: 'Viewers cannot change companies' })).toBeTruthy();
  });
});
