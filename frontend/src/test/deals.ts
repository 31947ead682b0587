import type { BoardView, DealView, PipelineView } from '../api/types';
import { COMPANY_ID, CONTACT_ID, USER_ID } from './crm';

export const PIPELINE_ID = '0193a000-0000-7000-8000-000000000a01';
export const STAGE = {
  qualification: '0193a000-0000-7000-8000-000000000b01',
  proposal: '0193a000-0000-7000-8000-000000000b02',
  won: '0193a000-0000-7000-8000-000000000b03',
  lost: '0193a000-0000-7000-8000-000000000b04',
} as const;
export const DEAL_ID = '0193a000-0000-7000-8000-000000000c01';
export const REASON_ID = '0193a000-0000-7000-8000-000000000d01';

export function pipelineFixture(): PipelineView {
  return {
    id: PIPELINE_ID,
    name: 'Sales',
    position: 0,
    stages: [
      { id: STAGE.qualification, name: 'Qualification', position: 0, probability: 10, kind: 'open' },
      { id: STAGE.proposal, name: 'Proposal', position: 1, probability: 50, kind: 'open' },
      { id: STAGE.won, name: 'Won', position: 2, probability: 100, kind: 'won' },
      { id: STAGE.lost, name: 'Lost', position: 3, probability: 0, kind: 'lost' },
    ],
  };
}

export function dealFixture(overrides: Partial<DealView> = {}): DealView {
  return {
    id: DEAL_ID,
    title: 'Engines pilot',
    amount: { amount: '1000.00', currency: 'EUR' },
    weighted: { amount: '100.00', currency: 'EUR' },
    probability: 10,
    probabilityOverride: null,
    pipelineId: PIPELINE_ID,
    stageId: STAGE.qualification,
    stageName: 'Qualification',
    status: 'open',
    expectedCloseDate: '2026-12-20',
    nextActionText: null,
    nextActionDate: null,
    ownerId: USER_ID,
    contactId: CONTACT_ID,
    contactName: 'Ada Lovelace',
    companyId: COMPANY_ID,
    companyName: 'Analytical Engines',
    leadId: null,
    lostReasonId: null,
    lostReasonOther: null,
    lostReason: null,
    notes: null,
    stale: false,
    openedAt: '2026-11-20T10:00:00Z',
    closedAt: null,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

const eur = (amount: string) => ({ amount, currency: 'EUR' });

/** A board with the fixture deal in Qualification and every other column empty. */
export function boardFixture(deal: DealView = dealFixture()): BoardView {
  const pipeline = pipelineFixture();
  return {
    pipeline,
    currency: 'EUR',
    columns: pipeline.stages.map((s) =>
      s.id === deal.stageId
        ? {
            stageId: s.id,
            count: 1,
            amount: deal.amount,
            weighted: deal.weighted,
            otherCurrencyCount: 0,
            deals: [deal],
            nextCursor: null,
          }
        : {
            stageId: s.id,
            count: 0,
            amount: eur('0.00'),
            weighted: eur('0.00'),
            otherCurrencyCount: 0,
            deals: [],
            nextCursor: null,
          },
    ),
    // The open pipeline only, as the server counts it.
    totals:
      deal.status === 'open'
        ? { count: 1, amount: deal.amount, weighted: deal.weighted, otherCurrencyCount: 0 }
        : { count: 0, amount: eur('0.00'), weighted: eur('0.00'), otherCurrencyCount: 0 },
    closedSince: '2026-10-01',
  };
}
