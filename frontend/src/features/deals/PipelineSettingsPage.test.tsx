import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../../test/api';
import { pipelineFixture, PIPELINE_ID, REASON_ID, STAGE } from '../../test/deals';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const base = `/api/workspaces/${WS_ID}`;

function api(role: 'owner' | 'manager' = 'owner') {
  const calls: { method: string; path: string; query?: string; body?: unknown }[] = [];
  const record = async (request: Request) => {
    const url = new URL(request.url);
    const text = await request.text();
    calls.push({ method: request.method, path: url.pathname.replace(base, ''), query: url.search, body: text ? JSON.parse(text) : undefined });
  };
  mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET ${base}`]: () => json(workspaceFixture(role)),
    [`GET ${base}/pipelines`]: () => json({ data: [pipelineFixture()] }),
    [`GET ${base}/lost-reasons`]: () => json({ data: [{ id: REASON_ID, label: 'Too expensive', archived: false }] }),
    [`PUT ${base}/pipelines/${PIPELINE_ID}/stages`]: async (request) => {
      await record(request);
      return json(pipelineFixture());
    },
    [`DELETE ${base}/pipelines/${PIPELINE_ID}/stages/${STAGE.proposal}`]: async (request) => {
      await record(request);
      return new URL(request.url).searchParams.get('moveTo')
        ? new Response(null, { status: 204 })
        : problem(409, 'stage.not_empty', { detail: 'Deals are in this stage.', dealCount: 3 });
    },
    [`PATCH ${base}/lost-reasons/${REASON_ID}`]: async (request) => {
      await record(request);
      return json({ id: REASON_ID, label: 'Too expensive', archived: true });
    },
  });
  return calls;
}

describe('pipeline settings', () => {
  it('is for owners only', async () => {
    api('manager');
    renderRoute(`/w/${WS_ID}/settings/pipelines`);
    expect(await screen.findByRole('heading', { name: 'Only workspace owners can manage pipelines' })).toBeTruthy();
  });

  it('adds and reorders open stages, then saves the full ordered list', async () => {
    const calls = api();
    renderRoute(`/w/${WS_ID}/settings/pipelines`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add open stage' }));
    await user.click(screen.getByRole('button', { name: 'Save stages' }));
    expect(await screen.findByText('Enter a stage name')).toBeTruthy();
    await user.type(screen.getByLabelText('Name of stage 3'), 'Demo');
    await user.click(screen.getByRole('button', { name: 'Move Demo up' }));
    await user.click(screen.getByRole('button', { name: 'Save stages' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toEqual({
      stages: [
        { id: STAGE.qualification, name: 'Qualification', probability: 10 },
        { name: 'Demo', probability: 50 },
        { id: STAGE.proposal, name: 'Proposal', probability: 50 },
        { id: STAGE.won, name: 'Won', probability: 100 },
        { id: STAGE.lost, name: 'Lost', probability: 0 },
      ],
    });
    expect(await screen.findByText('Stages of “Sales” saved')).toBeTruthy();
  });

  it('deletes a stage that holds deals by moving them first', async () => {
    const calls = api();
    renderRoute(`/w/${WS_ID}/settings/pipelines`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete Proposal' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete the stage “Proposal”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete stage' }));
    expect(await within(dialog).findByText('3 deals are in this stage. Choose where they go.')).toBeTruthy();
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Qualification']);
    await user.click(within(dialog).getByRole('button', { name: 'Move deals and delete' }));
    await screen.findByText('Stage “Proposal” deleted; its deals moved to Qualification');
    expect(calls.map((c) => `${c.method} ${c.query}`)).toEqual(['DELETE ', `DELETE ?moveTo=${STAGE.qualification}`]);
  });

  it('archives a lost reason', async () => {
    const calls = api();
    renderRoute(`/w/${WS_ID}/settings/pipelines`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Archive lost reason Too expensive' }));
    await screen.findByText('Lost reason “Too expensive” archived');
    expect(calls).toEqual([{ method: 'PATCH', path: `/lost-reasons/${REASON_ID}`, query: '', body: { archived: true } }]);
  });
});
