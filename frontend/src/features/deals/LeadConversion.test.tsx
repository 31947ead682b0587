import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ConversionPlanView, LeadView } from '../../api/types';
import { json, mockApi } from '../../test/api';
import { COMPANY_ID } from '../../test/crm';
import { DEAL_ID, dealFixture, pipelineFixture, PIPELINE_ID, STAGE } from '../../test/deals';
import { LEAD_ID, leadFixture, sourcesFixture } from '../../test/leads';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const leadPath = `/api/workspaces/${WS_ID}/leads/${LEAD_ID}`;

const plan: ConversionPlanView = {
  leadId: LEAD_ID,
  contact: { proposed: 'create', draft: { name: 'Grace Hopper', email: 'grace@example.test', phone: null }, candidates: [] },
  company: { proposed: 'link', draft: { name: 'Navy', domain: 'navy.test' }, candidates: [{ id: COMPANY_ID, name: 'Navy', domain: 'navy.test', reason: 'domain' }] },
  deal: { title: 'Grace Hopper deal', pipelineId: PIPELINE_ID, stageId: STAGE.qualification, amount: { amount: '0', currency: 'EUR' } },
};

function api(lead: LeadView) {
  const conversions: unknown[] = [];
  mockApi({
    'GET /api/me': () => json(meFixture({ role: 'manager' })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture('manager')),
    [`GET ${leadPath}`]: () => json(lead),
    [`GET ${leadPath}/timeline`]: () => json({ data: [], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/lead-sources`]: () => json({ data: sourcesFixture }),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/pipelines`]: () => json({ data: [pipelineFixture()] }),
    [`POST ${leadPath}/conversion/preview`]: () => json(plan),
    [`POST ${leadPath}/conversion`]: async (request) => {
      conversions.push(await request.json());
      return json({ leadId: LEAD_ID, contactId: 'new-contact', companyId: COMPANY_ID, dealId: DEAL_ID, contactCreated: true, companyCreated: false }, 201);
    },
    [`GET /api/workspaces/${WS_ID}/deals/${DEAL_ID}`]: () => json(dealFixture()),
    [`GET /api/workspaces/${WS_ID}/deals/${DEAL_ID}/timeline`]: () => json({ data: [], nextCursor: null }),
  });
  return conversions;
}

describe('lead conversion', () => {
  it('is offered only to a qualified lead, with the reason', async () => {
    api(leadFixture({ status: 'contacted' }));
    renderRoute(`/w/${WS_ID}/leads/${LEAD_ID}`);
    const convert = await screen.findByRole('button', { name: 'Convert' });
    expect((convert as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById(convert.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/Only a qualified lead can be converted/);
  });

  it('previews, links the duplicate company, converts and opens the deal', async () => {
    const conversions = api(leadFixture({ status: 'qualified', nextActionDate: '2026-12-01' }));
    const { router } = renderRoute(`/w/${WS_ID}/leads/${LEAD_ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Convert' }));
    const dialog = await screen.findByRole('dialog', { name: 'Convert Grace Hopper' });
    const company = await within(dialog).findByRole('group', { name: 'Company' });
    expect((within(company).getByRole('radio', { name: /Link to Navy/ }) as HTMLInputElement).checked).toBe(true);
    expect(within(company).getByText('Same domain')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Amount (EUR)'), '12,5');
    await user.click(within(dialog).getByRole('button', { name: 'Convert lead' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Use a number like 1234.50');
    expect(conversions).toEqual([]);

    await user.clear(within(dialog).getByLabelText('Amount (EUR)'));
    await user.type(within(dialog).getByLabelText('Amount (EUR)'), '5000');
    await user.selectOptions(within(dialog).getByLabelText('Stage in Sales'), STAGE.proposal);
    await user.click(within(dialog).getByRole('button', { name: 'Convert lead' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/w/${WS_ID}/deals/${DEAL_ID}`));
    expect(conversions).toEqual([
      { contact: { action: 'create' }, company: { action: 'link', id: COMPANY_ID }, deal: { pipelineId: PIPELINE_ID, stageId: STAGE.proposal, amount: '5000' } },
    ]);
    expect(await screen.findByText('“Grace Hopper” converted: contact created, company linked, deal created')).toBeTruthy();
    const notice = await screen.findByText(/Lead converted/);
    expect(within(notice).getByRole('link', { name: 'Navy' }).getAttribute('href')).toBe(`/w/${WS_ID}/companies/${COMPANY_ID}`);
  });

  it('shows what a converted lead became', async () => {
    api(leadFixture({ status: 'converted', convertedTo: { contactId: 'c1', companyId: null, dealId: DEAL_ID } }));
    renderRoute(`/w/${WS_ID}/leads/${LEAD_ID}`);
    const island = await screen.findByRole('region', { name: 'Converted' });
    expect(within(island).getByRole('link', { name: 'Open the deal' }).getAttribute('href')).toBe(`/w/${WS_ID}/deals/${DEAL_ID}`);
    expect(within(island).queryByRole('link', { name: 'Open the company' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Convert' })).toBeNull();
  });
});
