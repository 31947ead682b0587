import { describe, expect, it } from 'vitest';
import { ALL_TIME, boardFiltersToParams, closedPeriodOf, closedSinceFor, clearedBoardFilters, dealFilterKey, hasActiveBoardFilters, parseBoardFilters, toDealFilterQuery, type BoardFilters } from './filters';

const none: BoardFilters = { pipeline: '', owner: '', company: '', contact: '', openOnly: false, stale: false, q: '', closedSince: '' };

describe('board filters in the URL', () => {
  it('round-trips through the query string, leaving defaults out', () => {
    const filters = parseBoardFilters(new URLSearchParams('pipeline=p1&owner=u1&stale=true&q=%20pilot%20'));
    expect(filters).toEqual({ ...none, pipeline: 'p1', owner: 'u1', stale: true, q: 'pilot' });
    expect(boardFiltersToParams(filters).toString()).toBe('pipeline=p1&owner=u1&stale=true&q=pilot');
    expect(boardFiltersToParams(parseBoardFilters(new URLSearchParams('stale=nope'))).toString()).toBe('');
  });

  it('honours the company page’s “View all” link (companyId, contactId, status=open)', () => {
    const filters = parseBoardFilters(new URLSearchParams('companyId=c1&contactId=p1&status=open'));
    expect(filters).toEqual({ ...none, company: 'c1', contact: 'p1', openOnly: true });
    expect(boardFiltersToParams(filters).toString()).toBe('companyId=c1&contactId=p1&status=open');
    expect(toDealFilterQuery(filters)).toEqual({ companyId: 'c1', contactId: 'p1' });
    expect(hasActiveBoardFilters(filters)).toBe(true);
    expect(clearedBoardFilters({ ...filters, pipeline: 'x' })).toEqual({ ...none, pipeline: 'x' });
  });

  it('becomes the board / column query and the cache key without the pipeline', () => {
    const filters = { ...none, pipeline: 'p1', owner: 'u1', stale: true, q: 'pilot' };
    expect(toDealFilterQuery(filters)).toEqual({ ownerId: 'u1', stale: true, q: 'pilot' });
    expect(toDealFilterQuery(none)).toEqual({});
    expect(dealFilterKey(filters)).toEqual({ owner: 'u1', company: '', contact: '', stale: true, q: 'pilot', closedSince: '' });
    expect(hasActiveBoardFilters({ ...none, pipeline: 'p1' })).toBe(false);
  });

  it('keeps the won and lost period as closedSince, in UTC quarters', () => {
    const filters = parseBoardFilters(new URLSearchParams('closedSince=2026-07-01'));
    expect(filters).toEqual({ ...none, closedSince: '2026-07-01' });
    expect(boardFiltersToParams(filters).toString()).toBe('closedSince=2026-07-01');
    expect(parseBoardFilters(new URLSearchParams('closedSince=yesterday')).closedSince).toBe('');
    expect(hasActiveBoardFilters(filters)).toBe(true);
    expect(clearedBoardFilters(filters).closedSince).toBe('');
    expect(dealFilterKey(filters).closedSince).toBe('2026-07-01');
    // Not a column page filter: it keeps only closed deals.
    expect(toDealFilterQuery(filters)).toEqual({});

    const now = new Date('2026-11-15T12:00:00Z');
    expect(closedSinceFor('quarter', now)).toBe('');
    expect(closedSinceFor('last-quarter', now)).toBe('2026-07-01');
    expect(closedSinceFor('year', now)).toBe('2026-01-01');
    expect(closedSinceFor('all', now)).toBe(ALL_TIME);
    expect(closedSinceFor('last-quarter', new Date('2026-02-01T00:00:00Z'))).toBe('2025-10-01');
    expect(closedPeriodOf('', now)).toBe('quarter');
    expect(closedPeriodOf('2026-10-01', now)).toBe('quarter');
    expect(closedPeriodOf('2026-07-01', now)).toBe('last-quarter');
    expect(closedPeriodOf('2026-01-01', now)).toBe('year');
    expect(closedPeriodOf('1970-01-01', now)).toBe('all');
    expect(closedPeriodOf('2025-03-04', now)).toBe('custom');
  });
});
