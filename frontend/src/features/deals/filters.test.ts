import { describe, expect, it } from 'vitest';
import { boardFiltersToParams, dealFilterKey, hasActiveBoardFilters, parseBoardFilters, toDealFilterQuery } from './filters';

describe('board filters in the URL', () => {
  it('round-trips through the query string, leaving defaults out', () => {
    const filters = parseBoardFilters(new URLSearchParams('pipeline=p1&owner=u1&stale=true&q=%20pilot%20'));
    expect(filters).toEqual({ pipeline: 'p1', owner: 'u1', stale: true, q: 'pilot' });
    expect(boardFiltersToParams(filters).toString()).toBe('pipeline=p1&owner=u1&stale=true&q=pilot');
    expect(boardFiltersToParams(parseBoardFilters(new URLSearchParams('stale=nope'))).toString()).toBe('');
  });

  it('becomes the board / column query and the cache key without the pipeline', () => {
    const filters = { pipeline: 'p1', owner: 'u1', stale: true, q: 'pilot' };
    expect(toDealFilterQuery(filters)).toEqual({ ownerId: 'u1', stale: true, q: 'pilot' });
    expect(toDealFilterQuery({ pipeline: '', owner: '', stale: false, q: '' })).toEqual({});
    expect(dealFilterKey(filters)).toEqual({ owner: 'u1', stale: true, q: 'pilot' });
    expect(hasActiveBoardFilters({ pipeline: 'p1', owner: '', stale: false, q: '' })).toBe(false);
  });
});
