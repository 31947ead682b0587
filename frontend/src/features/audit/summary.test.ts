import { describe, expect, it } from 'vitest';
import { readableSummary } from './summary';

const member = { userId: '01a214e9-b508-72c2-8401-39cb1632c871', email: 'ada@example.test', name: 'Ada' };

describe('audit summaries', () => {
  it('names known members instead of their ids', () => {
    expect(readableSummary('assigned to 01a214e9-b508-72c2-8401-39cb1632c871', [member as never])).toBe('assigned to Ada');
    expect(readableSummary('assigned to 01a214e9-0000-72c2-8401-39cb1632c871', [member as never])).toBe(
      'assigned to 01a214e9-0000-72c2-8401-39cb1632c871',
    );
  });
});
