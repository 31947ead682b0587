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

  it('keeps the headline to the open pipeline: a won or lost card leaves it, a reopened one comes back', () => {
    const board = boardFixture();
    const won = replaceDeal(board, movedDeal(dealFixture(), stage(STAGE.won)));
    const wonColumn = won.columns.find((c) => c.stageId === STAGE.won)!;
    expect(wonColumn).toMatchObject({ count: 1, amount: { amount: '1000.00' }, weighted: { amount: '1000.00' } });
    expect(won.totals).toMatchObject({ count: 0, amount: { amount: '0.00' }, weighted: { amount: '0.00' } });
    const lost = replaceDeal(board, movedDeal(dealFixture(), stage(STAGE.lost), 'Too expensive'));
    expect(lost.totals).toMatchObject({ count: 0, amount: { amount: '0.00' }, weighted: { amount: '0.00' } });
    // Reopened into Proposal: back in the headline at that stage's weight.
    const reopened = replaceDeal(won, movedDeal(won.columns.find((c) => c.stageId === STAGE.won)!.deals[0]!, stage(STAGE.proposal)));
    expect(reopened.totals).toMatchObject({ count: 1, amount: { amount: '1000.00' }, weighted: { amount: '500.00' } });
    // Rolling a win back restores the board.
    expect(replaceDeal(won, dealFixture())).toEqual(board);
    // A won deal moving between closed columns (a correction) never touches the headline.
    const wonBoard = boardFixture(dealFixture({ status: 'won', stageId: STAGE.won, probability: 100 }));
    expect(replaceDeal(wonBoard, dealFixture({ status: 'lost', stageId: STAGE.lost, probability: 0 })).totals).toEqual(wonBoard.totals);
  });

  it('counts a deal in another currency without summing it, in its columns and the headline', () => {
    const usd = dealFixture({ amount: { amount: '700.00', currency: 'USD' }, weighted: { amount: '70.00', currency: 'USD' } });
    const board = boardFixture(usd);
    // As the server sends it: counted, not summed.
    board.columns = board.columns.map((c) => (c.stageId === STAGE.qualification ? { ...c, amount: { amount: '0.00', currency: 'EUR' }, weighted: { amount: '0.00', currency: 'EUR' }, otherCurrencyCount: 1 } : c));
    board.totals = { count: 1, amount: { amount: '0.00', currency: 'EUR' }, weighted: { amount: '0.00', currency: 'EUR' }, otherCurrencyCount: 1 };
    const moved = replaceDeal(board, movedDeal(usd, stage(STAGE.proposal)));
    expect(moved.columns.find((c) => c.stageId === STAGE.qualification)).toMatchObject({ count: 0, otherCurrencyCount: 0, amount: { amount: '0.00' } });
    expect(moved.columns.find((c) => c.stageId === STAGE.proposal)).toMatchObject({ count: 1, otherCurrencyCount: 1, amount: { amount: '0.00', currency: 'EUR' } });
    expect(moved.totals).toEqual(board.totals);
    const won = replaceDeal(board, movedDeal(usd, stage(STAGE.won)));
    expect(won.totals).toEqual({ count: 0, amount: { amount: '0.00', currency: 'EUR' }, weighted: { amount: '0.00', currency: 'EUR' }, otherCurrencyCount: 0 });
    expect(won.columns.find((c) => c.stageId === STAGE.won)).toMatchObject({ count: 1, otherCurrencyCount: 1, amount: { amount: '0.00', currency: 'EUR' } });
  });
});
