import { describe, expect, it } from 'vitest';
import type { LeadStatus } from '../../api/types';
import { allowedNextStatuses, isTerminal, LEAD_STATUSES, statusOptions } from './status';

describe('lead status flow', () => {
  it.each<[LeadStatus, LeadStatus[]]>([
    ['new', ['contacted', 'qualified', 'unqualified']],
    ['contacted', ['qualified', 'unqualified']],
    ['qualified', ['contacted', 'unqualified']],
    ['unqualified', ['contacted']],
    ['converted', []],
  ])('allows %s to move only to %j', (from, to) => {
    expect(allowedNextStatuses(from)).toEqual(to);
  });

  it('never offers conversion or a move back to new', () => {
    for (const from of LEAD_STATUSES) {
      expect(allowedNextStatuses(from)).not.toContain('converted');
      expect(allowedNextStatuses(from)).not.toContain('new');
    }
  });

  it('lists the current status first in the control, and converted is terminal', () => {
    expect(statusOptions('unqualified')).toEqual(['unqualified', 'contacted']);
    expect(statusOptions('converted')).toEqual(['converted']);
    expect(isTerminal('converted')).toBe(true);
    expect(isTerminal('qualified')).toBe(false);
  });
});
