import { describe, expect, it } from 'vitest';
import { leadFixture } from '../../test/leads';
import { leadFormSchema, leadToForm, toCreateRequest, toUpdateRequest } from './leadForm';
import { addTags } from './tags';

describe('lead form bodies', () => {
  it('leaves blank optional fields out of a create', () => {
    const values = leadFormSchema.parse({ ...leadToForm(leadFixture()), email: ' ', phone: '', company: 'Navy', tags: [] });
    expect(toCreateRequest(values)).toEqual({ name: 'Grace Hopper', source: 'referral', status: 'new', company: 'Navy' });
  });

  it('patches only what changed, clearing emptied fields with null and leaving an unchanged status out', () => {
    const lead = leadFixture();
    const values = leadFormSchema.parse({ ...leadToForm(lead), email: '', nextActionDate: '2026-12-01', tags: ['vip', 'q4'] });
    expect(toUpdateRequest(values, lead)).toEqual({ email: null, nextActionDate: '2026-12-01', tags: ['vip', 'q4'] });
    expect(toUpdateRequest(leadFormSchema.parse(leadToForm(lead)), lead)).toEqual({});
  });

  it('adds typed tags lower-cased, split on commas, without duplicates', () => {
    expect(addTags(['vip'], 'Q4, vip,  ,Hot ')).toEqual(['vip', 'q4', 'hot']);
  });
});
