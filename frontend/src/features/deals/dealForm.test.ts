import { describe, expect, it } from 'vitest';
import { dealFixture } from '../../test/deals';
import { dealFormSchema, dealToForm, emptyDealForm, toCreateDealRequest, toUpdateDealRequest } from './dealForm';

describe('deal form', () => {
  it('accepts decimal amounts with a dot and probabilities 0–100 only', () => {
    const base = emptyDealForm({ title: 'Pilot' });
    expect(dealFormSchema.safeParse({ ...base, amount: '1234.50' }).success).toBe(true);
    expect(dealFormSchema.safeParse({ ...base, amount: '1.234,50' }).success).toBe(false);
    expect(dealFormSchema.safeParse({ ...base, probability: '101' }).success).toBe(false);
  });

  it('creates with only what is filled in', () => {
    const values = dealFormSchema.parse(emptyDealForm({ title: ' Pilot ', amount: '500', pipelineId: 'p1', stageId: 's1', probability: '40' }));
    expect(toCreateDealRequest(values)).toEqual({ title: 'Pilot', amount: '500', pipelineId: 'p1', stageId: 's1', probability: 40 });
  });

  it('patches only changes; cleared fields and the probability override go to null', () => {
    const deal = dealFixture({ probabilityOverride: 30 });
    const form = { ...dealToForm(deal), amount: '1000', probability: '', companyId: '', notes: 'Call first' };
    expect(toUpdateDealRequest(dealFormSchema.parse(form), deal)).toEqual({ probability: null, companyId: null, notes: 'Call first' });
  });
});
