import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { companyFixture, COMPANY_ID, CONTACT_ID, contactFixture, USER_ID } from '../../test/crm';
import { DEAL_ID, dealFixture, pipelineFixture, PIPELINE_ID, STAGE } from '../../test/deals';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

function api() {
  const bodies: Record<string, unknown>[] = [];
  mockApi({
    'GET /api/me': () => json(meFixture({ role: 'manager' })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture('manager')),
    [`GET /api/workspaces/${WS_ID}/members`]: () =>
      json({ data: [{ userId: USER_ID, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/pipelines`]: () => json({ data: [pipelineFixture()] }),
    [`GET /api/workspaces/${WS_ID}/contacts`]: () => json({ data: [contactFixture()], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/companies`]: () => json({ data: [companyFixture()], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/companies/${COMPANY_ID}`]: () => json(companyFixture()),
    [`GET /api/workspaces/${WS_ID}/members/${USER_ID}`]: () =>
      json({ userId: USER_ID, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }),
    [`POST /api/workspaces/${WS_ID}/deals`]: async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      bodies.push(body);
      if (bodies.length === 1) {
        return problem(422, 'request.invalid', { detail: 'amount: too many decimals for EUR', errors: [{ field: 'amount', code: 'scale', message: 'EUR has 2 decimals' }] });
      }
      return json(dealFixture({ title: String(body.title) }), 201);
    },
    [`GET /api/workspaces/${WS_ID}/deals/${DEAL_ID}`]: () => json(dealFixture()),
    [`GET /api/workspaces/${WS_ID}/deals/${DEAL_ID}/timeline`]: () => json({ data: [], nextCursor: null }),
  });
  return bodies;
}

describe('deal form', () => {
  it('creates a deal in the chosen stage; the server’s field errors land on the field', async () => {
    const bodies = api();
    const { router } = renderRoute(`/w/${WS_ID}/deals/new?company=${COMPANY_ID}`);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New deal' });
    await waitFor(() => expect((within(form).getByRole('combobox', { name: 'Company' }) as HTMLInputElement).value).toBe('Analytical Engines'));
    await waitFor(() => expect((within(form).getByRole('combobox', { name: 'Owner' }) as HTMLInputElement).value).toBe('Ada'));
    expect((within(form).getByLabelText('Stage') as HTMLSelectElement).value).toBe(STAGE.qualification);
    await user.type(within(form).getByLabelText('Title'), 'Pilot');
    await user.type(within(form).getByLabelText('Amount'), '1200.555');
    await user.selectOptions(within(form).getByLabelText('Stage'), STAGE.proposal);
    await user.click(within(form).getByRole('button', { name: 'Create deal' }));
    const amount = within(form).getByLabelText('Amount');
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('EUR has 2 decimals')).toBeTruthy();
    expect(bodies[0]).toEqual({ title: 'Pilot', amount: '1200.555', pipelineId: PIPELINE_ID, stageId: STAGE.proposal, ownerId: USER_ID, companyId: COMPANY_ID });

    await user.clear(amount);
    await user.type(amount, '1200.50');
    await user.click(within(form).getByRole('button', { name: 'Create deal' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/w/${WS_ID}/deals/${DEAL_ID}`));
    expect(bodies[1]).toMatchObject({ amount: '1200.50' });
  });

  it('finds a contact beyond the first page by searching the server, and keeps a prefilled contact that no search returned', async () => {
    const far = contactFixture({ id: '0193a000-0000-7000-8000-0000000002e1', name: 'Zoe Zimmermann', company: null });
    const searches: string[] = [];
    const bodies: Record<string, unknown>[] = [];
    mockApi({
      'GET /api/me': () => json(meFixture({ role: 'manager' })),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture('manager')),
      [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
      [`GET /api/workspaces/${WS_ID}/members/${USER_ID}`]: () => json({ userId: USER_ID, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }),
      [`GET /api/workspaces/${WS_ID}/pipelines`]: () => json({ data: [pipelineFixture()] }),
      // The first page by name never reaches Zoe: only a search finds her.
      [`GET /api/workspaces/${WS_ID}/contacts`]: (request) => {
        const q = new URL(request.url).searchParams.get('q') ?? '';
        searches.push(q);
        return json({ data: q && 'zoe zimmermann'.includes(q.toLowerCase()) ? [far] : [contactFixture()], nextCursor: 'more' });
      },
      [`GET /api/workspaces/${WS_ID}/contacts/${CONTACT_ID}`]: () => json(contactFixture()),
      [`GET /api/workspaces/${WS_ID}/contacts/${far.id}`]: () => json(far),
      [`GET /api/workspaces/${WS_ID}/companies`]: () => json({ data: [], nextCursor: null }),
      [`POST /api/workspaces/${WS_ID}/deals`]: async (request) => {
        bodies.push((await request.json()) as Record<string, unknown>);
        return json(dealFixture(), 201);
      },
      [`GET /api/workspaces/${WS_ID}/deals/${DEAL_ID}`]: () => json(dealFixture()),
      [`GET /api/workspaces/${WS_ID}/deals/${DEAL_ID}/timeline`]: () => json({ data: [], nextCursor: null }),
    });
    renderRoute(`/w/${WS_ID}/deals/new?contact=${far.id}`);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New deal' });
    const contact = within(form).getByRole('combobox', { name: 'Contact' }) as HTMLInputElement;
    // Prefilled from "Add deal" on a contact that is not among the first results: fetched by id.
    await waitFor(() => expect(contact.value).toBe('Zoe Zimmermann'));

    await user.click(contact);
    await user.type(contact, 'ada');
    expect(await screen.findByRole('option', { name: /Ada Lovelace/ })).toBeTruthy();
    await user.clear(contact);
    await user.type(contact, 'zimm');
    await waitFor(() => expect(searches).toContain('zimm'));
    expect(await screen.findByRole('option', { name: /Zoe Zimmermann/ })).toBeTruthy();
    await user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    expect(contact.getAttribute('aria-expanded')).toBe('false');
    expect(contact.value).toBe('Zoe Zimmermann');

    await user.type(within(form).getByLabelText('Title'), 'Far deal');
    await user.click(within(form).getByRole('button', { name: 'Create deal' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ title: 'Far deal', contactId: far.id });
  });
});
