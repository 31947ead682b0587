import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LeadView } from '../../api/types';
import { json, mockApi, problem } from '../../test/api';
import { LEAD_ID, leadFixture, sourcesFixture } from '../../test/leads';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const leadPath = `/api/workspaces/${WS_ID}/leads/${LEAD_ID}`;

function api(
  role: 'owner' | 'manager' | 'viewer',
  lead: LeadView,
  patch?: (body: Record<string, unknown>) => Response,
  extra: Record<string, (request: Request) => Response> = {},
) {
  return mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET ${leadPath}`]: () => json(lead),
    [`GET ${leadPath}/timeline`]: () =>
      json({
        data: [
          {
            kind: 'event',
            at: '2026-11-20T10:00:00Z',
            activity: null,
            event: {
              id: 'e1',
              actorType: 'user',
              actorId: meFixture().user.id,
              action: 'lead.created',
              entityType: 'lead',
              entityId: LEAD_ID,
              summary: 'Created lead Grace Hopper',
              at: '2026-11-20T10:00:00Z',
            },
          },
        ],
        nextCursor: null,
      }),
    [`GET /api/workspaces/${WS_ID}/lead-sources`]: () => json({ data: sourcesFixture }),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json({ data: [], nextCursor: null }),
    [`PATCH ${leadPath}`]: async (request) => (patch ? patch(await request.json()) : json(lead)),
    ...extra,
  });
}

const needsDate = () =>
  problem(422, 'request.invalid', {
    title: 'Request is invalid',
    detail: 'nextActionDate: required for a qualified lead',
    errors: [{ field: 'nextActionDate', code: 'required', message: 'required for a qualified lead' }],
  });

describe('lead detail', () => {
  it('puts the 422 on nextActionDate onto an inline date field, then retries the move with the date', async () => {
    const bodies: Record<string, unknown>[] = [];
    api('manager', leadFixture(), (body) => {
      bodies.push(body);
      return body.nextActionDate ? json(leadFixture({ status: 'qualified', nextActionDate: body.nextActionDate as string })) : needsDate();
    });
    renderRoute(`/w/${WS_ID}/leads/${LEAD_ID}`);
    const user = userEvent.setup();
    const status = await screen.findByRole('combobox', { name: 'Status' });
    expect(within(status).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'New',
      'Move to Contacted',
      'Move to Qualified',
      'Move to Unqualified',
    ]);
    await user.selectOptions(status, 'qualified');

    const date = await screen.findByLabelText('Next action date');
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = date.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy.split(' ').find((id) => id.endsWith('-error'))!)?.textContent).toBe(
      'required for a qualified lead',
    );
    expect(bodies).toEqual([{ status: 'qualified' }]);

    await user.type(date, '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Save and move to Qualified' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({ status: 'qualified', nextActionDate: '2026-12-01' });
    expect(await screen.findByText('Status changed to Qualified')).toBeTruthy();
    await waitFor(() => expect(screen.queryByLabelText('Next action date')).toBeNull());
  });

  it('is read-only for viewers, with contact links, badges and the timeline', async () => {
    api('viewer', leadFixture({ stale: true, overdue: true, nextActionDate: '2026-11-01', nextActionText: 'Call back' }));
    renderRoute(`/w/${WS_ID}/leads/${LEAD_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Status' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Assignee' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Edit lead' })).toBeNull();
    expect(screen.getByRole('link', { name: 'grace@example.test' }).getAttribute('href')).toBe('mailto:grace@example.test');
    expect(screen.getByRole('link', { name: '+14155550100' }).getAttribute('href')).toBe('tel:+14155550100');
    const nextAction = screen.getByRole('region', { name: 'Next action' });
    expect(within(nextAction).getByText('Overdue')).toBeTruthy();
    expect(within(nextAction).getByText('Stale')).toBeTruthy();
    expect(within(nextAction).getByText(/Call back/)).toBeTruthy();
    expect(await screen.findByText('Created lead Grace Hopper')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Lead timeline' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log activity' })).toBeNull();
  });

  it('assigns the lead to a member found by searching the server (beyond the first page of members)', async () => {
    const farId = '0193a000-0000-7000-8000-0000000000f1';
    const zoe = { userId: farId, email: 'zoe@example.test', name: 'Zoe Far', role: 'manager', joinedAt: '2026-01-01T00:00:00Z' };
    const bodies: Record<string, unknown>[] = [];
    const lead = leadFixture({ assigneeId: null });
    api(
      'manager',
      lead,
      (body) => {
        bodies.push(body);
        return json({ ...lead, assigneeId: farId });
      },
      {
        [`GET /api/workspaces/${WS_ID}/members`]: (request) => json({ data: new URL(request.url).searchParams.get('q') ? [zoe] : [], nextCursor: null }),
        [`GET /api/workspaces/${WS_ID}/members/${farId}`]: () => json(zoe),
      },
    );
    renderRoute(`/w/${WS_ID}/leads/${LEAD_ID}`);
    const user = userEvent.setup();
    const quick = await screen.findByRole('region', { name: 'Quick changes' });
    await user.type(within(quick).getByRole('combobox', { name: 'Assignee' }), 'zoe');
    await user.click(await within(screen.getByRole('listbox', { name: 'Assignee choices' })).findByRole('option', { name: /^Zoe Far/ }));
    await waitFor(() => expect(bodies).toEqual([{ assigneeId: farId }]));
    expect(await screen.findByText('Assigned to Zoe Far')).toBeTruthy();
  });
});
