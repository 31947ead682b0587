import { describe, expect, it } from 'vitest';
import { activityFiltersToParams, DEFAULT_ACTIVITY_FILTERS, parseActivityFilters, toActivityListQuery } from './filters';

const parse = (query: string) => parseActivityFilters(new URLSearchParams(query));

describe('activities URL state', () => {
  it('defaults to my open activities, with a plain URL', () => {
    expect(parse('')).toEqual(DEFAULT_ACTIVITY_FILTERS);
    expect(activityFiltersToParams(parse('')).toString()).toBe('');
    expect(toActivityListQuery(parse(''), 25)).toEqual({ limit: 25, mine: true, status: 'open' });
  });

  it('reads every filter, ignores unknown values, and round-trips', () => {
    expect(parse('scope=all&overdue=true&status=completed&type=call')).toEqual({ scope: 'all', overdue: true, status: 'completed', type: 'call' });
    expect(parse('scope=team&overdue=yes&status=done&type=fax')).toEqual(DEFAULT_ACTIVITY_FILTERS);
    const query = 'scope=all&overdue=true&status=any&type=task';
    expect(activityFiltersToParams(parse(query)).toString()).toBe(query);
  });

  it('turns the URL state into the API query', () => {
    expect(toActivityListQuery(parse('scope=all&status=any&type=meeting&overdue=true'), 10)).toEqual({ limit: 10, overdue: true, type: 'meeting' });
    expect(toActivityListQuery(parse('status=completed'), 10)).toEqual({ limit: 10, mine: true, status: 'completed' });
  });
});
