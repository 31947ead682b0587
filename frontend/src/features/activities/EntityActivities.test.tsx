import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { activityFixture, CONTACT_ID, COMPANY_ID, contactFixture, eventFixture, USER_ID } from '../../test/crm';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';

const contactPath = `/api/workspaces/${WS_ID}/contacts/${CONTACT_ID}`;
const task = activityFixture({ id: 'a-task', subject: 'Send the proposal', overdue: true, createdAt: '2026-11-20T13:00:00Z' });
const call = activityFixture({
  id: 'a-call',
  type: 'call',
  subject: 'Intro call',
  dueAt: null,
  completedAt: '2026-11-20T12:30:00Z',
  completedBy: USER_ID,
  createdAt: '2026-11-20T12:00:00Z',
});
const created = eventFixture({ at: '2026-11-20T10:00:00Z' });

function api(role: 'owner' | 'manager' | 'viewer') {
  const posts: { url: string; method: string; body?: unknown }[] = [];
  mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/members`]: () =>
      json({ data: [{ userId: USER_ID, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }], nextCursor: null }),
    [`GET ${contactPath}`]: () => json(contactFixture()),
    [`GET ${contactPath}/timeline`]: () =>
      json({
        data: [
          { kind: 'activity', at: task.createdAt, activity: task, event: null },
          { kind: 'activity', at: call.createdAt, activity: call, event: null },
          { kind: 'event', at: created.at, activity: null, event: created },
        ],
        nextCursor: null,
      }),
    [`PUT /api/workspaces/${WS_ID}/activities/a-task/completion`]: (request) => {
      posts.push({ url: request.url, method: 'PUT' });
      return json({ ...task, completedAt: '2026-11-20T14:00:00Z', completedBy: USER_ID, overdue: false });
    },
    [`POST /api/workspaces/${WS_ID}/activities`]: async (request) => {
      const body = await request.json();
      posts.push({ url: request.url, method: 'POST', body });
      return json(activityFixture({ ...body, id: 'a-new' }), 201);
    },
  });
  return posts;
}

describe('EntityActivities on a contact', () => {
  it('renders activities and events newest first, with type, overdue, assignee and completion', async () => {
    api('manager');
    renderRoute(`/w/${WS_ID}/contacts/${CONTACT_ID}`);
    const list = await screen.findByRole('list', { name: 'Contact timeline' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]!.textContent).toContain('Task');
    expect(items[0]!.textContent).toContain('Send the proposal');
    expect(within(items[0]!).getByText('Overdue')).toBeTruthy();
    expect(items[0]!.textContent).toContain('Assigned to Ada');
    expect(items[1]!.textContent).toContain('Intro call');
    expect(within(items[1]!).getByText('Completed')).toBeTruthy();
    expect(within(items[1]!).getByRole('button', { name: 'Reopen Intro call' })).toBeTruthy();
    expect(items[2]!.textContent).toContain('Created contact Ada Lovelace');
    expect(screen.queryByRole('button', { name: /delete/i })).toBeNull();
  });

  it('completes an activity and quick-creates one linked to the contact and its company', async () => {
    const calls = api('owner');
    renderRoute(`/w/${WS_ID}/contacts/${CONTACT_ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Complete Send the proposal' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(await screen.findByText('Completed “Send the proposal”')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Log activity' }));
    const form = screen.getByRole('form', { name: 'Log an activity' });
    await user.selectOptions(within(form).getByLabelText('Type'), 'call');
    await user.type(within(form).getByLabelText('Subject'), 'Follow-up call');
    await user.click(within(form).getByRole('button', { name: 'Log activity' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      type: 'call',
      subject: 'Follow-up call',
      priority: 'medium',
      assigneeId: meFixture().user.id,
      contactId: CONTACT_ID,
      companyId: COMPANY_ID,
    });
  });

  it('shows viewers no create or complete controls', async () => {
    api('viewer');
    renderRoute(`/w/${WS_ID}/contacts/${CONTACT_ID}`);
    expect(await screen.findByRole('list', { name: 'Contact timeline' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log activity' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Complete / })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Reopen / })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Edit contact' })).toBeNull();
  });
});
