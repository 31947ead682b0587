import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { COMPANY_ID, companyFixture, USER_ID } from '../../test/crm';
import { boardFixture, dealFixture, pipelineFixture, PIPELINE_ID, STAGE } from '../../test/deals';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';
import type { BoardView } from '../../api/types';
import { closedSinceFor } from './filters';

const members = { data: [{ userId: USER_ID, email: 'ada@example.test', name: 'Ada', role: 'owner', joinedAt: '2026-01-01T00:00:00Z' }], nextCursor: null };

function api(role: 'owner' | 'manager' | 'viewer', options: { nextCursor?: string; board?: BoardView } = {}) {
  const boardQueries: URLSearchParams[] = [];
  const pageQueries: URLSearchParams[] = [];
  const board = options.board ?? boardFixture(dealFixture({ stale: true }));
  if (options.nextCursor) board.columns[0]!.nextCursor = options.nextCursor;
  mockApi({
    'GET /api/me': () => json(meFixture({ role })),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture(role)),
    [`GET /api/workspaces/${WS_ID}/members`]: () => json(members),
    [`GET /api/workspaces/${WS_ID}/members/${USER_ID}`]: () => json(members.data[0]),
    [`GET /api/workspaces/${WS_ID}/companies/${COMPANY_ID}`]: () => json(companyFixture()),
    [`GET /api/workspaces/${WS_ID}/pipelines`]: () => json({ data: [pipelineFixture()] }),
    [`GET /api/workspaces/${WS_ID}/pipelines/${PIPELINE_ID}/board`]: (request) => {
      boardQueries.push(new URL(request.url).searchParams);
      return json(board);
    },
    [`GET /api/workspaces/${WS_ID}/deals`]: (request) => {
      pageQueries.push(new URL(request.url).searchParams);
      return json({ data: [dealFixture({ id: 'second', title: 'Second deal' })], nextCursor: null });
    },
  });
  return { boardQueries, pageQueries };
}

describe('deals board', () => {
  it('shows the stages in board order with totals and cards that say who, how much and how likely', async () => {
    api('manager');
    renderRoute(`/w/${WS_ID}/deals`);
    const qualification = await screen.findByRole('region', { name: /^Qualification/ });
    const regions = screen.getAllByRole('region').filter((r) => r.classList.contains('board-column'));
    expect(regions.map((r) => within(r).getByRole('heading').textContent)).toEqual(['Qualification 10%', 'Proposal 50%', 'Won 100%', 'Lost 0%']);
    expect(qualification.textContent).toMatch(/Deals1/);
    const card = within(qualification).getByRole('listitem', { name: 'Engines pilot' });
    expect(card.textContent).toContain('Analytical Engines · Ada Lovelace');
    expect(card.textContent).toMatch(/1,000\.00/);
    expect(card.textContent).toMatch(/100\.00 · 10%/);
    expect(card.textContent).toContain('Ada');
    expect(within(card).getByText('Stale')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Move Engines pilot' })).toBeTruthy();
    expect(screen.getByLabelText('Open pipeline totals').textContent).toMatch(/Open deals1/);
    expect(screen.getByRole('link', { name: 'New deal' })).toBeTruthy();
  });

  it('gives viewers the board without drag handles or a New deal button', async () => {
    api('viewer');
    renderRoute(`/w/${WS_ID}/deals`);
    await screen.findByRole('listitem', { name: 'Engines pilot' });
    expect(screen.queryByRole('button', { name: 'Move Engines pilot' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New deal' })).toBeNull();
  });

  it('keeps owner, stale and a debounced search in the URL and the board query', async () => {
    const { boardQueries } = api('manager');
    const { router } = renderRoute(`/w/${WS_ID}/deals`);
    const user = userEvent.setup();
    await screen.findByRole('listitem', { name: 'Engines pilot' });
    await user.click(screen.getByRole('combobox', { name: 'Owner' }));
    await user.click(await within(screen.getByRole('listbox', { name: 'Owner choices' })).findByRole('option', { name: /^Ada/ }));
    await user.click(screen.getByLabelText('Stale only'));
    await user.type(screen.getByRole('searchbox', { name: 'Search deals' }), 'pilot');
    await waitFor(() => expect(router.state.location.search).toBe(`?owner=${USER_ID}&stale=true&q=pilot`));
    await waitFor(() => expect(boardQueries.at(-1)?.toString()).toBe(`ownerId=${USER_ID}&stale=true&q=pilot&limit=20`));
    // Typing did not query once per keystroke, and the box kept the focus to type on.
    expect(boardQueries.filter((q) => q.has('q'))).toHaveLength(1);
    const search = screen.getByRole('searchbox', { name: 'Search deals' });
    expect(document.activeElement).toBe(search);
    await user.type(search, ' 2');
    await waitFor(() => expect(router.state.location.search).toBe(`?owner=${USER_ID}&stale=true&q=pilot+2`));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect((screen.getByRole('searchbox', { name: 'Search deals' }) as HTMLInputElement).value).toBe('');
  });

  it('loads more of one column with its cursor and the same filters', async () => {
    const { pageQueries } = api('manager', { nextCursor: 'cursor-2' });
    renderRoute(`/w/${WS_ID}/deals?stale=true`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Load more in Qualification' }));
    const column = screen.getByRole('region', { name: /^Qualification/ });
    await within(column).findByRole('listitem', { name: 'Second deal' });
    expect(pageQueries[0]?.toString()).toBe(`stale=true&stageId=${STAGE.qualification}&cursor=cursor-2&limit=20`);
    expect(within(column).queryByRole('button', { name: /Load more/ })).toBeNull();
  });

  it('honours the company page’s “View all” link: company and open-only filters from the URL, shown as active', async () => {
    const { boardQueries } = api('manager');
    const { router } = renderRoute(`/w/${WS_ID}/deals?companyId=${COMPANY_ID}&status=open`);
    await screen.findByRole('listitem', { name: 'Engines pilot' });
    expect(boardQueries.at(-1)?.toString()).toBe(`companyId=${COMPANY_ID}&limit=20`);
    // Open stages only; the filter names the company and can be cleared.
    const regions = screen.getAllByRole('region').filter((r) => r.classList.contains('board-column'));
    expect(regions.map((r) => within(r).getByRole('heading').textContent)).toEqual(['Qualification 10%', 'Proposal 50%']);
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Company' }) as HTMLInputElement).value).toBe('Analytical Engines'));
    expect((screen.getByLabelText('Open deals only') as HTMLInputElement).checked).toBe(true);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    await waitFor(() => expect(boardQueries.at(-1)?.toString()).toBe('limit=20'));
  });

  it('headlines the open pipeline only, says what it leaves out, and dates the won and lost columns', async () => {
    // One open deal, one won this quarter, one open deal in another currency.
    const board = boardFixture(dealFixture());
    const won = dealFixture({ id: 'won', title: 'Won deal', stageId: STAGE.won, stageName: 'Won', status: 'won', probability: 100 });
    const usd = dealFixture({ id: 'usd', title: 'Dollar deal', amount: { amount: '700.00', currency: 'USD' }, weighted: { amount: '70.00', currency: 'USD' } });
    board.columns = board.columns.map((c) => {
      if (c.stageId === STAGE.won) return { ...c, count: 1, amount: won.amount, weighted: won.amount, deals: [won] };
      if (c.stageId === STAGE.qualification) return { ...c, count: 2, otherCurrencyCount: 1, deals: [...c.deals, usd] };
      return c;
    });
    board.totals = { count: 2, amount: { amount: '1000.00', currency: 'EUR' }, weighted: { amount: '100.00', currency: 'EUR' }, otherCurrencyCount: 1 };
    board.closedSince = '2026-10-01';
    api('manager', { board });
    renderRoute(`/w/${WS_ID}/deals`);
    await screen.findByRole('listitem', { name: 'Won deal' });
    const headline = screen.getByLabelText('Open pipeline totals');
    expect(headline.textContent).toMatch(/Open deals2/);
    expect(headline.textContent).toMatch(/Open pipeline€?1,000\.00/);
    expect(headline.textContent).toMatch(/Weighted forecast€?100\.00/);
    expect(screen.getByText(/1 deal in other currencies not included/)).toBeTruthy();
    const wonColumn = screen.getByRole('region', { name: /^Won/ });
    expect(within(wonColumn).getByText(/^Closed since (1 Oct 2026|Oct 1, 2026)$/)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: /^Lost/ })).getByText(/^Closed since/)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: /^Qualification/ })).getByText('1 in other currencies, not in the amounts')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: /^Qualification/ })).queryByText(/Closed since/)).toBeNull();
    expect((screen.getByLabelText('Won and lost') as HTMLSelectElement).value).toBe('quarter');
  });

  it('keeps the won and lost period in the URL and passes it to the board and to those columns’ next pages', async () => {
    const board = boardFixture(dealFixture({ id: 'won', title: 'Won deal', stageId: STAGE.won, status: 'won' }));
    board.columns = board.columns.map((c) => (c.stageId === STAGE.won || c.stageId === STAGE.qualification ? { ...c, nextCursor: 'cursor-2' } : c));
    board.closedSince = '1970-01-01';
    const { boardQueries, pageQueries } = api('manager', { board });
    const { router } = renderRoute(`/w/${WS_ID}/deals`);
    const user = userEvent.setup();
    await screen.findByRole('listitem', { name: 'Won deal' });
    // The period is counted in: nothing is open, yet the board is not "No deals yet".
    expect(screen.queryByText('No deals yet')).toBeNull();

    await user.selectOptions(screen.getByLabelText('Won and lost'), 'All time');
    await waitFor(() => expect(router.state.location.search).toBe('?closedSince=1970-01-01'));
    await waitFor(() => expect(boardQueries.at(-1)?.toString()).toBe('closedSince=1970-01-01&limit=20'));
    expect(within(screen.getByRole('region', { name: /^Won/ })).getByText('Closed, all time')).toBeTruthy();
    expect((screen.getByLabelText('Won and lost') as HTMLSelectElement).value).toBe('all');

    await user.click(screen.getByRole('button', { name: 'Load more in Won' }));
    await waitFor(() => expect(pageQueries).toHaveLength(1));
    expect(pageQueries[0]?.toString()).toBe(`closedSince=1970-01-01&stageId=${STAGE.won}&cursor=cursor-2&limit=20`);
    // An open column's pages are not limited to closed deals.
    await user.click(screen.getByRole('button', { name: 'Load more in Qualification' }));
    await waitFor(() => expect(pageQueries).toHaveLength(2));
    expect(pageQueries[1]?.toString()).toBe(`stageId=${STAGE.qualification}&cursor=cursor-2&limit=20`);

    await user.selectOptions(screen.getByLabelText('Won and lost'), 'Last quarter');
    await waitFor(() => expect(router.state.location.search).toBe(`?closedSince=${closedSinceFor('last-quarter')}`));
    await user.selectOptions(screen.getByLabelText('Won and lost'), 'This quarter');
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });
});
