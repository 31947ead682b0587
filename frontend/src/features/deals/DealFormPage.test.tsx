import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { companyFixture, COMPANY_ID, contactFixture, USER_ID } from '../../test/crm';
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
    expect((within(form).getByLabelText('Company') as HTMLSelectElement).value).toBe(COMPANY_ID);
    expect((within(form).getByLabelText('Owner') as HTMLSelectElement).value).toBe(USER_ID);
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
});
