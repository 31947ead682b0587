import { describe, expect, it } from 'vitest';
import { kindLabel, notificationPath } from './links';
import { pollInterval, POLL_BASE_MS, POLL_MAX_MS } from './queries';

describe('notification links and polling', () => {
  it('links each entity type to its page; activities to My activities', () => {
    const at = (entityType: string) => notificationPath('w1', { entityType, entityId: 'e1' });
    expect(at('lead')).toBe('/w/w1/leads/e1');
    expect(at('contact')).toBe('/w/w1/contacts/e1');
    expect(at('company')).toBe('/w/w1/companies/e1');
    expect(at('deal')).toBe('/w/w1/deals/e1');
    expect(at('activity')).toBe('/w/w1/activities');
    expect(at('something-new')).toBe('/w/w1');
  });

  it('labels known kinds and still reads unknown ones', () => {
    expect(kindLabel('deal.assigned')).toBe('Deal assigned to you');
    expect(kindLabel('invoice.overdue_soon')).toBe('Invoice overdue soon');
  });

  it('polls every 15 s and backs off by doubling after failures, up to 2 minutes', () => {
    expect([0, 1, 2, 3, 4].map(pollInterval)).toEqual([POLL_BASE_MS, 30_000, 60_000, POLL_MAX_MS, POLL_MAX_MS]);
  });
});
