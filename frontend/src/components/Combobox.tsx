import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldError } from 'react-hook-form';

/** What a search hook gives the combobox: the current matches and their state. */
export interface ComboboxResults<T> {
  data?: readonly T[];
  isPending: boolean;
  isError: boolean;
  isFetching?: boolean;
  isPlaceholderData?: boolean;
}

export interface ComboboxProps<T> {
  label: string;
  /** The selected record's id, `''` for none. */
  value: string;
  onChange: (id: string, record?: T) => void;
  /**
   * Asks for a server search: the typed text once typing pauses (`''` lists
   * the first records), `null` while the list is closed (nothing to fetch).
   */
  onSearch: (query: string | null) => void;
  /** The matches for the last `onSearch`. */
  results: ComboboxResults<T>;
  /** The selected record by id, so it shows even when it is not among the results. */
  selected: { data?: T; isError: boolean };
  getId: (record: T) => string;
  getLabel: (record: T) => string;
  getDetail?: (record: T) => string | undefined;
  /** Label of the "none" choice; without it the value cannot be cleared. */
  noneLabel?: string;
  placeholder?: string;
  error?: FieldError;
  hint?: string;
  id?: string;
  name?: string;
  onBlur?: () => void;
  disabled?: boolean;
}

export const COMBOBOX_DEBOUNCE_MS = 250;

function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

interface Choice<T> {
  id: string;
  label: string;
  detail?: string;
  record?: T;
}

/**
 * A record picker that searches the server as you type (WAI-ARIA combobox
 * with a listbox popup): arrows move, Enter picks, Escape closes. The
 * selected record is fetched by id, so it shows whatever the search returns.
 */
export function Combobox<T>({
  label,
  value,
  onChange,
  onSearch,
  results,
  selected,
  getId,
  getLabel,
  getDetail,
  noneLabel,
  placeholder,
  error,
  hint,
  id,
  name,
  onBlur,
  disabled,
}: ComboboxProps<T>) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const listId = `${inputId}-listbox`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const query = useDebouncedValue(text.trim(), COMBOBOX_DEBOUNCE_MS);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    onSearch(open ? query : null);
    // The parent's setter is all that is called; re-run only when the search changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, query]);

  const selectedLabel = !value ? '' : selected.data ? getLabel(selected.data) : selected.isError ? 'Unknown record' : 'Loading…';
  const choices: Choice<T>[] = [
    ...(noneLabel && !query ? [{ id: '', label: noneLabel }] : []),
    ...(results.data ?? []).map((record) => ({ id: getId(record), label: getLabel(record), detail: getDetail?.(record), record })),
  ];
  const searching = results.isPending || Boolean(results.isPlaceholderData) || text.trim() !== query;

  function pick(choice: Choice<T>) {
    onChange(choice.id, choice.record);
    setOpen(false);
    setText('');
  }

  function openList() {
    if (disabled) return;
    setOpen(true);
    setActive(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openList();
        else setActive((i) => Math.min(i + 1, Math.max(choices.length - 1, 0)));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Home':
        if (open) {
          event.preventDefault();
          setActive(0);
        }
        break;
      case 'End':
        if (open) {
          event.preventDefault();
          setActive(Math.max(choices.length - 1, 0));
        }
        break;
      case 'Enter':
        if (open) {
          event.preventDefault();
          const choice = choices[active];
          if (choice && !searching) pick(choice);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setText('');
        }
        break;
      case 'Tab':
        setOpen(false);
        setText('');
        break;
    }
  }

  const activeChoice = open ? choices[active] : undefined;
  const optionId = (index: number) => `${inputId}-option-${index}`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;

  let status;
  if (open) {
    if (results.isError) status = 'Could not search. Type again to retry.';
    else if (searching && choices.length === 0) status = 'Searching…';
    else if (!searching && (results.data ?? []).length === 0) status = query ? `No match for “${query}”` : 'Nothing to choose yet';
  }

  return (
    <div className="field combobox">
      <label htmlFor={inputId}>{label}</label>
      <div className="combobox-control">
        <input
          ref={inputRef}
          id={inputId}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeChoice ? optionId(active) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          placeholder={open ? 'Type to search' : (placeholder ?? noneLabel)}
          value={open ? text : selectedLabel}
          disabled={disabled}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            if (!open) setOpen(true);
          }}
          onFocus={openList}
          onClick={() => !open && openList()}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setText('');
            onBlur?.();
          }}
        />
        {open && results.isFetching && !results.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
      </div>
      <ul id={listId} role="listbox" aria-label={`${label} choices`} className="combobox-list" hidden={!open}>
        {open &&
          choices.map((choice, index) => (
            <li
              key={choice.id || 'none'}
              id={optionId(index)}
              role="option"
              aria-selected={choice.id === value}
              className={index === active ? 'combobox-option is-active' : 'combobox-option'}
              // Keep the focus in the input: a blur would close the list before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => pick(choice)}
            >
              <span>{choice.label}</span>
              {choice.detail && <span className="muted small"> {choice.detail}</span>}
            </li>
          ))}
      </ul>
      {open && status && (
        <p className="combobox-status muted small" role="status">
          {status}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error?.message && (
        <p id={errorId} className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
