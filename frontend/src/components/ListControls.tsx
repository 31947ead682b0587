import { useId, useState, type FormEvent } from 'react';

/** A search form that applies on submit; remount it (key) when the URL's value changes. */
export function SearchBox({ label, placeholder, value, onSearch }: { label: string; placeholder?: string; value: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(value);
  const id = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(draft.trim());
  }
  return (
    <form className="search-form" role="search" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} type="search" placeholder={placeholder} value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit" className="btn">
        Search
      </button>
    </form>
  );
}

/** A free-text filter applied on Enter or when the field is left. */
export function TextFilter({ label, value, placeholder, onApply }: { label: string; value: string; placeholder?: string; onApply: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const id = useId();
  const apply = () => {
    if (draft.trim() !== value) onApply(draft.trim());
  };
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          }
        }}
      />
    </div>
  );
}

/** Previous / Next over a cursor trail kept in the URL (`after=c1&after=c2`). */
export function CursorPager({
  label,
  trail,
  nextCursor,
  busy,
  onChange,
}: {
  label: string;
  trail: readonly string[];
  nextCursor: string | null | undefined;
  busy: boolean;
  onChange: (trail: string[]) => void;
}) {
  if (trail.length === 0 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="btn" disabled={trail.length === 0} onClick={() => onChange(trail.slice(0, -1))}>
        Previous page
      </button>
      <span className="muted small">Page {trail.length + 1}</span>
      <button type="button" className="btn" disabled={!nextCursor || busy} onClick={() => nextCursor && onChange([...trail, nextCursor])}>
        Next page
      </button>
    </nav>
  );
}
