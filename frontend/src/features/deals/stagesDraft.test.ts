import { describe, expect, it } from 'vitest';
import { pipelineFixture, STAGE } from '../../test/deals';
import { addOpenRow, moveRow, toDraft, toStagesRequest, validateRows } from './stagesDraft';

describe('stages editor', () => {
  it('reorders open stages only; won and lost stay the last two', () => {
    const rows = toDraft(pipelineFixture());
    expect(moveRow(rows, 1, -1).map((r) => r.name)).toEqual(['Proposal', 'Qualification', 'Won', 'Lost']);
    expect(moveRow(rows, 1, 1)).toBe(rows);
    expect(moveRow(rows, 2, -1)).toBe(rows);
  });

  it('adds a new open stage after the last open one and sends it without an id', () => {
    const rows = addOpenRow(toDraft(pipelineFixture()), 'new-1').map((r) => (r.key === 'new-1' ? { ...r, name: ' Demo ', probability: '60' } : r));
    expect(rows.map((r) => r.name)).toEqual(['Qualification', 'Proposal', ' Demo ', 'Won', 'Lost']);
    expect(toStagesRequest(rows)).toEqual([
      { id: STAGE.qualification, name: 'Qualification', probability: 10 },
      { id: STAGE.proposal, name: 'Proposal', probability: 50 },
      { name: 'Demo', probability: 60 },
      { id: STAGE.won, name: 'Won', probability: 100 },
      { id: STAGE.lost, name: 'Lost', probability: 0 },
    ]);
  });

  it('flags blank names and probabilities outside 0–100', () => {
    const rows = toDraft(pipelineFixture()).map((r, i) => (i === 0 ? { ...r, name: '' } : i === 1 ? { ...r, probability: '101' } : r));
    expect(validateRows(rows).map((p) => p.field)).toEqual(['name', 'probability']);
  });
});
