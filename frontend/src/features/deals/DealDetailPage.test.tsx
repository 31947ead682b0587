import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DealView } from '../../api/types';
import { json, mockApi, problem } from '../../test/api';
import { COMPANY_ID, CONTACT_ID, USER_ID } from '../../test/crm';
import { DEAL_ID, dealFixture, pipelineFixture, REASON_ID, STAGE } from '../../test/deals';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const dealPath = `/api/workspaces/${WS_ID}/deals/${DEAL_ID}`;

function api(role: 'owner' | 'manager' | 'viewer', deal: DealView) {
  const posts: { path: string; body: Record<string, unknown> }[] = [];
  mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/members`]: () =>
      json({ data: [{ userId: USER_ID, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }], nextCursor: null }),
    [`GET /api/workspaces/${WS_ID}/pipelines`]: () => json({ data: [pipelineFixture()] }),
    [`GET /api/workspaces/${WS_ID}/lost-reasons`]: () =>
      json({ data: [{ id: REASON_ID, label: 'Too expensive', archived: false }, { id: 'old', label: 'Old reason', archived: true }] }),
    [`GET ${dealPath}`]: () => json(deal),
    [`GET ${dealPath}/timeline`]: () => json({ data: [], nextCursor: null }),
    [`POST ${dealPath}/stage`]: async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      posts.push({ path: 'stage', body });
      if (body.stageId === STAGE.proposal && !body.nextActionDate) {
        return problem(422, 'deal.next_action_required', { detail: 'plan a next step', errors: [{ field: 'nextActionDate', code: 'required', message: 'must be today or later' }] });
      }
      if (body.stageId === STAGE.proposal) return json({ ...deal, stageId: STAGE.proposal, stageName: 'Proposal', nextActionDate: body.nextActionDate });
      const lost = body.stageId === STAGE.lost;
      return json({ ...deal, stageId: body.stageId, status: lost ? 'lost' : 'won', stageName: lost ? 'Lost' : 'Won', lostReason: lost ? 'Too expensive' : null });
    },
    [`POST /api/workspaces/${WS_ID}/activities`]: async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      posts.push({ path: 'activities', body });
      return json({ id: 'a1', type: 'call', subject: body.subject, priority: 'medium', createdBy: USER_ID, createdAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:00:00Z', overdue: false }, 201);
    },
  });
  return posts;
}

describe('deal detail', () => {
  it('shows money, stage progress, people and links', async () => {
    api('manager', dealFixture({ stageId: STAGE.proposal, stageName: 'Proposal', probability: 50, weighted: { amount: '500.00', currency: 'EUR' } }));
    renderRoute(`/w/${WS_ID}/deals/${DEAL_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Engines pilot' })).toBeTruthy();
    const progress = await screen.findByRole('list', { name: 'Stage progress' });
    expect(within(progress).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Qualification (passed)', 'Proposal']);
    expect(within(progress).getByText('Proposal').getAttribute('aria-current')).toBe('step');
    const details = screen.getByRole('region', { name: 'Deal details' });
    expect(within(details).getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe(`/w/${WS_ID}/contacts/${CONTACT_ID}`);
    expect(within(details).getByRole('link', { name: 'Analytical Engines' }).getAttribute('href')).toBe(`/w/${WS_ID}/companies/${COMPANY_ID}`);
    expect(details.textContent).toMatch(/Weighted€?500\.00/);
    expect(screen.getByRole('button', { name: 'Win' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Lose' })).toBeTruthy();
  });

  it('asks why before losing: no reason is refused, archived reasons are not offered', async () => {
    const posts = api('manager', dealFixture());
    renderRoute(`/w/${WS_ID}/deals/${DEAL_ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Lose' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mark the deal as lost' });
    await within(dialog).findByRole('radio', { name: 'Too expensive' });
    expect(within(dialog).queryByRole('radio', { name: 'Old reason' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lost' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Choose why the deal was lost.');
    expect(posts).toEqual([]);
    await user.click(within(dialog).getByRole('radio', { name: 'Too expensive' }));
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lost' }));
    await screen.findByText('“Engines pilot” lost');
    expect(posts).toEqual([{ path: 'stage', body: { stageId: STAGE.lost, lostReasonId: REASON_ID } }]);
    expect(await screen.findByRole('button', { name: 'Reopen' })).toBeTruthy();
  });

  it('links an activity logged here to the deal, its contact and its company', async () => {
    const posts = api('manager', dealFixture());
    renderRoute(`/w/${WS_ID}/deals/${DEAL_ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Log activity' }));
    const form = screen.getByRole('form', { name: 'Log an activity' });
    expect(within(form).getByText('Linked to this deal and Ada Lovelace and Analytical Engines.')).toBeTruthy();
    await user.type(within(form).getByLabelText('Subject'), 'Pricing call');
    await user.click(within(form).getByRole('button', { name: 'Log activity' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.body).toMatchObject({ subject: 'Pricing call', dealId: DEAL_ID, contactId: CONTACT_ID, companyId: COMPANY_ID });
  });

  it('is read-only for viewers', async () => {
    api('viewer', dealFixture());
    renderRoute(`/w/${WS_ID}/deals/${DEAL_ID}`);
    await screen.findByRole('heading', { level: 1, name: 'Engines pilot' });
    expect(screen.queryByRole('button', { name: 'Win' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Edit deal' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Log activity' })).toBeNull();
  });

  it('asks for the next step before moving forward without one, and shows the server’s refusal on the date', async () => {
    const posts = api('manager', dealFixture({ nextActionDate: null }));
    renderRoute(`/w/${WS_ID}/deals/${DEAL_ID}`);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Move to stage'), STAGE.proposal);
    await user.click(screen.getByRole('button', { name: 'Move' }));
    const dialog = await screen.findByRole('dialog', { name: 'Plan the next step' });
    expect(posts).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Move to Proposal' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Choose the date of the next step.');
    expect(posts).toEqual([]);

    // The server is the judge (its clock may be ahead): its 422 lands on the date field.
    const date = within(dialog).getByLabelText('Next action date');
    await user.clear(date);
    await user.type(date, '2999-01-01');
    await user.type(within(dialog).getByLabelText('Next action'), 'Send the proposal');
    posts.length = 0;
    await user.click(within(dialog).getByRole('button', { name: 'Move to Proposal' }));
    await screen.findByText('“Engines pilot” moved to Proposal');
    expect(posts).toEqual([{ path: 'stage', body: { stageId: STAGE.proposal, nextActionDate: '2999-01-01', nextActionText: 'Send the proposal' } }]);
  });

  it('shows the server’s 422 deal.next_action_required on the next action date field', async () => {
    // In the browser's eyes the deal has a next step, so the move goes straight to the server, which refuses.
    const posts = api('manager', dealFixture({ nextActionDate: '2999-01-01' }));
    renderRoute(`/w/${WS_ID}/deals/${DEAL_ID}`);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Move to stage'), STAGE.proposal);
    await user.click(screen.getByRole('button', { name: 'Move' }));
    const dialog = await screen.findByRole('dialog', { name: 'Plan the next step' });
    expect(posts).toEqual([{ path: 'stage', body: { stageId: STAGE.proposal } }]);
    const date = within(dialog).getByLabelText('Next action date');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByRole('alert').textContent).toBe('must be today or later');
    await user.type(date, '2999-02-01');
    await user.click(within(dialog).getByRole('button', { name: 'Move to Proposal' }));
    await screen.findByText('“Engines pilot” moved to Proposal');
    expect(posts.at(-1)).toEqual({ path: 'stage', body: { stageId: STAGE.proposal, nextActionDate: '2999-02-01' } });
  });
});
