import { describe, expect, it } from 'vitest';
import { boardFixture, dealFixture, pipelineFixture, STAGE } from '../../test/deals';
import { appendColumnPage, boardStages, movedDeal, planMove, replaceDeal } from './board';

const stage = (id: string) => pipelineFixture().stages.find((s) => s.id === id)!;

describe('board move rules', () => {
  it('orders open stages by position, then won, then lost', () => {
    const pipeline = pipelineFixture();
    pipeline.stages = [...pipeline.stages].reverse();
    expect(boardStages(pipeline).map((s) => s.name)).toEqual(['Qualification', 'Proposal', 'Won', 'Lost']);
  });

  it('plans a move: same stage is nothing, lost needs a reason, a closed deal must be reopened', () => {
    const open = dealFixture();
    expect(planMove(open, stage(STAGE.qualification))).toBe('none');
    expect(planMove(open, stage(STAGE.proposal))).toBe('move');
    expect(planMove(open, stage(STAGE.won))).toBe('move');
    expect(planMove(open, stage(STAGE.lost))).toBe('lose');
    const won = dealFixture({ status: 'won', stageId: STAGE.won });
    expect(planMove(won, stage(STAGE.proposal))).toBe('reopen');
    expect(planMove(won, stage(STAGE.lost))).toBe('reopen');
  });

  it('predicts the moved deal: stage probability unless overridden, won 100 / lost 0', () => {
    expect(movedDeal(dealFixture(), stage(STAGE.proposal))).toMatchObject({ stageId: STAGE.proposal, probability: 50, weighted: { amount: '500.00' } });
    expect(movedDeal(dealFixture({ probabilityOverride: 30 }), stage(STAGE.proposal))).toMatchObject({ probability: 30, weighted: { amount: '300.00' } });
    expect(movedDeal(dealFixture({ probabilityOverride: 30 }), stage(STAGE.won))).toMatchObject({ status: 'won', probability: 100 });
    expect(movedDeal(dealFixture(), stage(STAGE.lost), 'Too expensive')).toMatchObject({ status: 'lost', probability: 0, lostReason: 'Too expensive' });
  });

  it('moves a card between columns and keeps column and board totals right', () => {
    const board = boardFixture();
    const next = replaceDeal(board, movedDeal(dealFixture(), stage(STAGE.proposal)));
    const from = next.columns.find((c) => c.stageId === STAGE.qualification)!;
    const to = next.columns.find((c) => c.stageId === STAGE.proposal)!;
    expect(from).toMatchObject({ count: 0, deals: [], amount: { amount: '0.00' }, weighted: { amount: '0.00' } });
    expect(to).toMatchObject({ count: 1, amount: { amount: '1000.00' }, weighted: { amount: '500.00' } });
    expect(to.deals.map((d) => d.id)).toEqual([dealFixture().id]);
    expect(next.totals).toMatchObject({ count: 1, amount: { amount: '1000.00' }, weighted: { amount: '500.00' } });
    // Rolling back is replacing with the original.
    expect(replaceDeal(next, dealFixture())).toEqual(board);
  });

  it('appends a column page without duplicating cards already shown', () => {
    const extra = dealFixture({ id: 'other', title: 'Second' });
    const next = appendColumnPage(boardFixture(), STAGE.qualification, { data: [dealFixture(), extra], nextCursor: 'c2' });
    const column = next.columns.find((c) => c.stageId === STAGE.qualification)!;
    expect(column.deals.map((d) => d.title)).toEqual(['Engines pilot', 'Second']);
    expect(column.nextCursor).toBe('c2');
  });
});
