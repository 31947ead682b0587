import { useId, useState, type KeyboardEvent } from 'react';
import type { FieldError } from 'react-hook-form';
import { addTags } from './tags';

/** A list of tags typed into one input: Enter or comma adds, Backspace on an empty input removes the last. */
export function TagInput({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: readonly string[];
  onChange: (tags: string[]) => void;
  error?: FieldError;
}) {
  const [draft, setDraft] = useState('');
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  function commit() {
    if (!draft.trim()) return;
    onChange(addTags(value, draft));
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="tag-input" aria-invalid={error ? true : undefined}>
        {value.length > 0 && (
          <ul className="tag-list" aria-label={`${label} added`}>
            {value.map((tag) => (
              <li key={tag} className="tag">
                {tag}
                <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => onChange(value.filter((t) => t !== tag))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={commit}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
        />
      </div>
      <p id={hintId} className="field-hint">
        Press Enter or type a comma to add a tag.
      </p>
      {error?.message && (
        <p id={errorId} className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
