import { describe, expect, it } from 'vitest';
import { boardFiltersToParams, clearedBoardFilters, dealFilterKey, hasActiveBoardFilters, parseBoardFilters, toDealFilterQuery, type BoardFilters } from './filters';

const none: BoardFilters = { pipeline: '', owner: '', company: '', contact: '', openOnly: false, stale: false, q: '' };

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
    expect(dealFilterKey(filters)).toEqual({ owner: 'u1', company: '', contact: '', stale: true, q: 'pilot' });
    expect(hasActiveBoardFilters({ ...none, pipeline: 'p1' })).toBe(false);
  });
});
