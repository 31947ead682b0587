import { describe, expect, it } from 'vitest';
import type { ConversionPlanView } from '../../api/types';
import { CREATE, initialChoice, NONE, toConversionRequest, validateChoice } from './conversion';

function preview(overrides: Partial<ConversionPlanView> = {}): ConversionPlanView {
  return {
    leadId: 'lead-1',
    contact: { proposed: 'create', draft: { name: 'Grace Hopper', email: 'grace@navy.test', phone: null }, candidates: [] },
    company: {
      proposed: 'link',
      draft: { name: 'Navy', domain: 'navy.test' },
      candidates: [{ id: 'co-1', name: 'Navy', domain: 'navy.test', reason: 'domain' }],
    },
    deal: { title: 'Navy deal', pipelineId: 'p1', stageId: 's1', amount: { amount: '0', currency: 'EUR' } },
    ...overrides,
  };
}

describe('conversion choices', () => {
  it('starts from the proposal: link the first duplicate company, create the contact', () => {
    expect(initialChoice(preview())).toEqual({ contact: CREATE, company: 'co-1', title: 'Navy deal', amount: '', stageId: 's1' });
    const none = preview({ company: { proposed: 'none', draft: { name: null, domain: null }, candidates: [] } });
    expect(initialChoice(none).company).toBe(NONE);
  });

  it('builds the request: link needs the id, the title only when changed, the amount when given', () => {
    const p = preview();
    expect(toConversionRequest(initialChoice(p), p)).toEqual({
      contact: { action: 'create' },
      company: { action: 'link', id: 'co-1' },
      deal: { pipelineId: 'p1', stageId: 's1' },
    });
    const changed = { ...initialChoice(p), contact: 'c-9', company: NONE, title: 'Bigger deal', amount: '1200.50', stageId: 's2' };
    expect(toConversionRequest(changed, p)).toEqual({
      contact: { action: 'link', id: 'c-9' },
      company: { action: 'none' },
      deal: { pipelineId: 'p1', stageId: 's2', title: 'Bigger deal', amount: '1200.50' },
    });
  });

  it('refuses a blank title, a malformed amount and a company to create without a name', () => {
    const p = preview({ company: { proposed: 'none', draft: { name: null, domain: null }, candidates: [] } });
    const problems = validateChoice({ contact: CREATE, company: CREATE, title: ' ', amount: '12,5', stageId: 's1' }, p);
    expect(problems.map((x) => x.field)).toEqual(['title', 'amount', 'company']);
  });
});
