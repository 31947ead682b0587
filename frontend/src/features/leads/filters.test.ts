import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, leadFiltersToParams, parseLeadFilters, toLeadListQuery, withFilter } from './filters';

const parse = (query: string) => parseLeadFilters(new URLSearchParams(query));

describe('lead list URL state', () => {
  it('reads every filter from the URL', () => {
    const filters = parse('q=acme&status=qualified&source=referral&assignee=u-1&stale=true&sort=-nextActionDate&after=c1&after=c2');
    expect(filters).toEqual({
      q: 'acme',
      status: 'qualified',
      source: 'referral',
      assignee: 'u-1',
      stale: true,
      sort: '-nextActionDate',
      after: ['c1', 'c2'],
    });
  });

  it('falls back to no filter for missing or unknown values', () => {
    expect(parse('status=won&stale=maybe&sort=email')).toEqual({
      q: '',
      status: '',
      source: '',
      assignee: '',
      stale: null,
      sort: DEFAULT_SORT,
      after: [],
    });
    expect(parse('stale=false').stale).toBe(false);
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    expect(leadFiltersToParams(parse('')).toString()).toBe('');
    expect(leadFiltersToParams(parse('sort=-createdAt')).toString()).toBe('');
    const query = 'q=acme&status=new&source=website&assignee=u-1&stale=false&sort=name&after=c1';
    expect(leadFiltersToParams(parse(query)).toString()).toBe(query);
  });

  it('starts again from the first page when a filter changes', () => {
    const next = withFilter(parse('status=new&after=c1&after=c2'), { status: 'contacted' });
    expect(next.after).toEqual([]);
    expect(next.status).toBe('contacted');
  });

  it('turns the URL state into the API query, with the last cursor of the trail', () => {
    expect(toLeadListQuery(parse('q=acme&assignee=u-1&stale=true&sort=name&after=c1&after=c2'), 25)).toEqual({
      limit: 25,
      q: 'acme',
      assigneeId: 'u-1',
      stale: true,
      sort: 'name',
      cursor: 'c2',
    });
    expect(toLeadListQuery(parse(''), 25)).toEqual({ limit: 25 });
  });
});
