import { useId, useState, type FormEvent } from 'react';
import type { LeadSourceView } from '../../api/types';
import { MemberPicker } from '../team/MemberPicker';
import { hasActiveFilters, LEAD_SORTS, SORT_LABELS, withFilter, type LeadFilters, type LeadSort } from './filters';
import { LEAD_STATUSES, statusLabel } from './status';

interface Props {
  filters: LeadFilters;
  onChange: (next: LeadFilters) => void;
  sources: readonly LeadSourceView[] | undefined;
}

function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  const id = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(draft.trim());
  }
  return (
    <form className="search-form" role="search" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Search leads
      </label>
      <input id={id} type="search" placeholder="Search name, email or company" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit" className="btn">
        Search
      </button>
    </form>
  );
}

/** Search, filters and sort of the leads list; every change lands in the URL. */
export function LeadFiltersBar({ filters, onChange, sources }: Props) {
  const ids = { status: useId(), source: useId(), sort: useId(), stale: useId() };
  return (
    <div className="filters" aria-label="Lead filters" role="group">
      {/* Remount on URL change (back button, "Clear filters") so the draft follows the URL. */}
      <SearchBox key={filters.q} value={filters.q} onSearch={(q) => onChange(withFilter(filters, { q }))} />
      <div className="filter-row">
        <div className="filter">
          <label htmlFor={ids.status}>Status</label>
          <select
            id={ids.status}
            value={filters.status}
            onChange={(e) => onChange(withFilter(filters, { status: e.target.value as LeadFilters['status'] }))}
          >
            <option value="">All statuses</option>
            {LEAD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={ids.source}>Source</label>
          <select id={ids.source} value={filters.source} onChange={(e) => onChange(withFilter(filters, { source: e.target.value }))}>
            <option value="">All sources</option>
            {/* Archived sources stay filterable: old leads still carry them. */}
            {sources?.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.label}
                {s.archived ? ' (archived)' : ''}
              </option>
            ))}
            {filters.source && !sources?.some((s) => s.slug === filters.source) && <option value={filters.source}>{filters.source}</option>}
          </select>
        </div>
        <div className="filter">
          <MemberPicker label="Assignee" noneLabel="Anyone" value={filters.assignee} onChange={(assignee) => onChange(withFilter(filters, { assignee }))} />
        </div>
        <div className="filter">
          <label htmlFor={ids.sort}>Sort by</label>
          <select id={ids.sort} value={filters.sort} onChange={(e) => onChange(withFilter(filters, { sort: e.target.value as LeadSort }))}>
            {LEAD_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox filter-toggle" htmlFor={ids.stale}>
          <input
            id={ids.stale}
            type="checkbox"
            checked={filters.stale === true}
            onChange={(e) => onChange(withFilter(filters, { stale: e.target.checked ? true : null }))}
          />
          Stale only
        </label>
        {hasActiveFilters(filters) && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => onChange(withFilter(filters, { q: '', status: '', source: '', assignee: '', stale: null }))}
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
