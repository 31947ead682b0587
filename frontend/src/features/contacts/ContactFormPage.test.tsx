import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { COMPANY_ID, companyFixture, contactFixture } from '../../test/crm';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const other = '0193a000-0000-7000-8000-0000000000e9';

function api(post: (body: Record<string, unknown>) => Response) {
  const bodies: Record<string, unknown>[] = [];
  mockApi({
    'GET /api/me': () => json(meFixture({ role: 'manager' })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture('manager')),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/companies`]: () => json({ data: [companyFixture()], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/companies/${COMPANY_ID}`]: () => json(companyFixture()),
    [`GET /api/workspaces/${WS_ID}/members/${meFixture().user.id}`]: () => json({ userId: meFixture().user.id, email: 'ada@example.test', name: 'Ada', role: 'manager', joinedAt: '2026-01-01T00:00:00Z' }),
    [`POST /api/workspaces/${WS_ID}/contacts`]: async (request) => {
      const body = await request.json();
      bodies.push(body);
      return post(body);
    },
  });
  return bodies;
}

describe('contact form', () => {
  it('shows a taken email on the email field with a link to the existing contact', async () => {
    const bodies = api(() =>
      problem(409, 'contact.email_taken', { detail: 'a contact with this email exists', existing: { id: other, name: 'Ada Byron' } }),
    );
    renderRoute(`/w/${WS_ID}/contacts/new?company=${COMPANY_ID}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Ada Lovelace');
    const email = screen.getByLabelText('Email');
    await user.type(email, 'ada@engines.test');
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Company' }) as HTMLInputElement).value).toBe('Analytical Engines'));
    await user.click(screen.getByRole('button', { name: 'Create contact' }));

    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const message = document.getElementById(email.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!)!;
    expect(message.textContent).toBe('A contact with this email already exists: Ada Byron');
    expect(screen.getByRole('link', { name: 'Ada Byron' }).getAttribute('href')).toBe(`/w/${WS_ID}/contacts/${other}`);
    expect(bodies[0]).toEqual({ name: 'Ada Lovelace', email: 'ada@engines.test', companyId: COMPANY_ID, ownerId: meFixture().user.id });
  });

  it('creates the contact and opens it', async () => {
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
      [`GET /api/workspaces/${WS_ID}/companies`]: () => json({ data: [companyFixture()], nextCursor: null }),
      [`GET /api/workspaces/${WS_ID}/members/${meFixture().user.id}`]: () => json({ userId: meFixture().user.id, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }),
      [`POST /api/workspaces/${WS_ID}/contacts`]: () => json(contactFixture(), 201),
      [`GET /api/workspaces/${WS_ID}/contacts/${contactFixture().id}/timeline`]: () => json({ data: [], nextCursor: null }),
    });
    renderRoute(`/w/${WS_ID}/contacts/new`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Name'), 'Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Create contact' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeTruthy();
    for (const link of screen.getAllByRole('link', { name: 'Analytical Engines' })) expect(link.getAttribute('href')).toBe(`/w/${WS_ID}/companies/${COMPANY_ID}`);
  });
});
