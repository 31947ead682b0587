import { describe, expect, it } from 'vitest';
import { pipelineFixture, STAGE } from '../../test/deals';
import { needsNextAction, todayIso } from './board';

const pipeline = pipelineFixture();
const stage = (id: string) => pipeline.stages.find((s) => s.id === id)!;
const today = '2026-12-05';

describe('a deal moving forward needs a next step', () => {
  it('asks when an open deal goes to a later open stage without a next action date of today or later', () => {
    const deal = { stageId: STAGE.qualification, status: 'open' as const };
    expect(needsNextAction({ ...deal, nextActionDate: null }, stage(STAGE.proposal), pipeline, today)).toBe(true);
    expect(needsNextAction({ ...deal, nextActionDate: '2026-12-04' }, stage(STAGE.proposal), pipeline, today)).toBe(true);
    expect(needsNextAction({ ...deal, nextActionDate: today }, stage(STAGE.proposal), pipeline, today)).toBe(false);
  });

  it('does not ask for moves back, to won or lost, or for closed deals', () => {
    expect(needsNextAction({ stageId: STAGE.proposal, status: 'open', nextActionDate: null }, stage(STAGE.qualification), pipeline, today)).toBe(false);
    expect(needsNextAction({ stageId: STAGE.qualification, status: 'open', nextActionDate: null }, stage(STAGE.won), pipeline, today)).toBe(false);
    expect(needsNextAction({ stageId: STAGE.won, status: 'won', nextActionDate: null }, stage(STAGE.proposal), pipeline, today)).toBe(false);
  });

  it('formats today in the local calendar', () => {
    expect(todayIso(new Date(2026, 0, 9))).toBe('2026-01-09');
  });
});
