import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { COMPANY_ID, CONTACT_ID } from '../../test/crm';
import { dealFixture } from '../../test/deals';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';
import { WorkspaceLayout } from '../workspaces/WorkspaceLayout';
import { CompanyDealsIsland, ContactDealsIsland } from './DealSummaryIslands';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('company open deals island', () => {
  it('links to every open deal of the company when it lists only the first ten', async () => {
    const openDeals = Array.from({ length: 10 }, (_, i) => dealFixture({ id: `deal-${i}`, title: `Deal ${i}` }));
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/companies/${COMPANY_ID}/deal-summary`]: () =>
        json({
          open: { count: 12, amount: eur('12000.00'), weighted: eur('1200.00'), otherCurrencyCount: 0 },
          won: { count: 0, amount: eur('0.00') },
          lostCount: 0,
          lifetimeValue: eur('0.00'),
          lifetimeValueOther: [],
          openOther: [],
          openDeals,
          wonDeals: [],
        }),
    });
    const { router } = renderRoute(`/w/${WS_ID}`, {
      routes: [
        {
          path: '/w/:workspaceId',
          element: <WorkspaceLayout />,
          children: [
            { index: true, element: <CompanyDealsIsland companyId={COMPANY_ID} /> },
            { path: 'deals', element: <p>Board</p> },
          ],
        },
      ],
    });
    const link = await screen.findByRole('link', { name: 'View all 12 open deals' });
    expect(link.getAttribute('href')).toBe(`/w/${WS_ID}/deals?companyId=${COMPANY_ID}&status=open`);
    await userEvent.setup().click(link);
    await waitFor(() => expect(router.state.location.search).toBe(`?companyId=${COMPANY_ID}&status=open`));
  });
});

function renderIsland(kind: 'contact' | 'company', summary: Record<string, unknown>) {
  const path = kind === 'contact' ? `contacts/${CONTACT_ID}` : `companies/${COMPANY_ID}`;
  mockApi({
    'GET /api/me': () => json(meFixture()),
    [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
    [`GET /api/workspaces/${WS_ID}/${path}/deal-summary`]: () => json(summary),
  });
  renderRoute(`/w/${WS_ID}`, {
    routes: [
      {
        path: '/w/:workspaceId',
        element: <WorkspaceLayout />,
        children: [{ index: true, element: kind === 'contact' ? <ContactDealsIsland contactId={CONTACT_ID} /> : <CompanyDealsIsland companyId={COMPANY_ID} /> }],
      },
    ],
  });
}

const summaryWithOtherCurrencies = {
  open: { count: 2, amount: eur('1000.00'), weighted: eur('100.00'), otherCurrencyCount: 1 },
  won: { count: 2, amount: eur('500.00') },
  lostCount: 0,
  lifetimeValue: eur('500.00'),
  lifetimeValueOther: [{ amount: '250.50', currency: 'USD' }, { amount: '90.00', currency: 'GBP' }],
  openOther: [{ amount: '700.00', currency: 'USD' }],
  openDeals: [dealFixture()],
  wonDeals: [dealFixture({ id: 'won', title: 'Won deal', status: 'won', stageName: 'Won' })],
};

describe.each(['contact', 'company'] as const)('%s deals island: money in other currencies', (kind) => {
  it('shows won and open amounts in other currencies beside the totals, unconverted', async () => {
    renderIsland(kind, summaryWithOtherCurrencies);
    const lifetime = await screen.findByRole('list', { name: 'Lifetime value in other currencies' });
    expect(Array.from(lifetime.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['+ 250.50 USD, not converted', '+ 90.00 GBP, not converted']);
    const open = screen.getByRole('list', { name: 'Open amount in other currencies' });
    expect(open.textContent).toBe('+ 700.00 USD, not converted');
    expect(screen.getByText(/without 1 deal in other currencies/)).toBeTruthy();
  });

  it('shows nothing extra when every amount is in the workspace currency', async () => {
    renderIsland(kind, { ...summaryWithOtherCurrencies, open: { ...summaryWithOtherCurrencies.open, otherCurrencyCount: 0 }, lifetimeValueOther: [], openOther: [] });
    await screen.findByLabelText('Deal totals');
    expect(screen.queryByText(/not converted/)).toBeNull();
    expect(screen.queryByText(/other currencies/)).toBeNull();
  });
});
