import { describe, expect, it } from 'vitest';
import { contactFiltersToParams, DEFAULT_CONTACT_SORT, parseContactFilters, toContactListQuery, withContactFilter } from './filters';

const parse = (query: string) => parseContactFilters(new URLSearchParams(query));

describe('contacts list URL state', () => {
  it('reads search, company, owner, tag, sort and the cursor trail', () => {
    expect(parse('q=ada&company=co-1&owner=u-1&tag=VIP&sort=name&after=c1&after=c2')).toEqual({
      q: 'ada',
      company: 'co-1',
      owner: 'u-1',
      tag: 'vip',
      sort: 'name',
      after: ['c1', 'c2'],
    });
  });

  it('falls back to defaults and round-trips', () => {
    expect(parse('sort=email')).toEqual({ q: '', company: '', owner: '', tag: '', sort: DEFAULT_CONTACT_SORT, after: [] });
    expect(contactFiltersToParams(parse('')).toString()).toBe('');
    const query = 'q=ada&company=co-1&owner=u-1&tag=vip&sort=createdAt&after=c1';
    expect(contactFiltersToParams(parse(query)).toString()).toBe(query);
  });

  it('maps the URL names onto the API query', () => {
    expect(withContactFilter(parse('tag=vip&after=c1'), { tag: 'new' }).after).toEqual([]);
    expect(toContactListQuery(parse('company=co-1&owner=u-1&tag=vip&sort=-name&after=c1&after=c2'), 25)).toEqual({
      limit: 25,
      companyId: 'co-1',
      ownerId: 'u-1',
      tag: 'vip',
      sort: '-name',
      cursor: 'c2',
    });
  });
});
