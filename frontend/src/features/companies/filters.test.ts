import { describe, expect, it } from 'vitest';
import { companyFiltersToParams, DEFAULT_COMPANY_SORT, parseCompanyFilters, toCompanyListQuery, withCompanyFilter } from './filters';

const parse = (query: string) => parseCompanyFilters(new URLSearchParams(query));

describe('companies list URL state', () => {
  it('reads search, industry, status, sort and the cursor trail', () => {
    expect(parse('q=acme&industry=Retail&status=active&sort=name&after=c1&after=c2')).toEqual({
      q: 'acme',
      industry: 'Retail',
      status: 'active',
      sort: 'name',
      after: ['c1', 'c2'],
    });
  });

  it('falls back to no filter for unknown values and round-trips', () => {
    expect(parse('status=won&sort=domain')).toEqual({ q: '', industry: '', status: '', sort: DEFAULT_COMPANY_SORT, after: [] });
    expect(companyFiltersToParams(parse('sort=-createdAt')).toString()).toBe('');
    const query = 'q=acme&industry=Retail&status=prospect&sort=-name&after=c1';
    expect(companyFiltersToParams(parse(query)).toString()).toBe(query);
  });

  it('restarts from the first page on a filter change and sends the last cursor', () => {
    expect(withCompanyFilter(parse('status=active&after=c1'), { status: 'inactive' }).after).toEqual([]);
    expect(toCompanyListQuery(parse('q=acme&industry=Retail&after=c1&after=c2'), 25)).toEqual({ limit: 25, q: 'acme', industry: 'Retail', cursor: 'c2' });
    expect(toCompanyListQuery(parse(''), 25)).toEqual({ limit: 25 });
  });
});
