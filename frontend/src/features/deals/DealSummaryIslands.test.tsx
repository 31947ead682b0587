import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../test/api';
import { COMPANY_ID } from '../../test/crm';
import { dealFixture } from '../../test/deals';
import { meFixture, renderRoute, workspaceFixture, WS_ID } from '../../test/render';
import { WorkspaceLayout } from '../workspaces/WorkspaceLayout';
import { CompanyDealsIsland } from './DealSummaryIslands';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('company open deals island', () => {
  it('links to every open deal of the company when it lists only the first ten', async () => {
    const openDeals = Array.from({ length: 10 }, (_, i) => dealFixture({ id: `deal-${i}`, title: `Deal ${i}` }));
    mockApi({
      'GET /api/me': () => json(meFixture()),
      [`GET /api/workspaces/${WS_ID}`]: () => json(workspaceFixture()),
      [`GET /api/workspaces/${WS_ID}/companies/${COMPANY_ID}/deal-summary`]: () =>
        json({
          open: { count: 12, amount: eur('12000.00'), weighted: eur('1200.00') },
          won: { count: 0, amount: eur('0.00') },
          lostCount: 0,
          lifetimeValue: eur('0.00'),
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
