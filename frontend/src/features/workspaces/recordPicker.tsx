import { useState } from 'react';
import { Combobox, type ComboboxProps, type ComboboxResults } from '../../components/Combobox';
import { useWorkspace } from './workspaceContext';

/** What a record picker takes: a combobox's props minus what the record kind decides. */
export type RecordPickerProps<T> = Omit<ComboboxProps<T>, 'onSearch' | 'results' | 'selected' | 'getId' | 'getLabel' | 'getDetail'>;

/** How one kind of workspace record is searched, fetched and shown in a picker. */
export interface RecordKind<T> {
  /** Server search (`q` `''` lists the first records); disabled while the list is closed. */
  useSearch: (workspaceId: string, q: string, enabled: boolean) => ComboboxResults<T>;
  /** One record by id, so the selection shows even when it is not among the results. */
  useRecord: (workspaceId: string, id: string) => { data?: T; isError: boolean };
  getId: (record: T) => string;
  getLabel: (record: T) => string;
  getDetail?: (record: T) => string | undefined;
}

/**
 * A record of the workspace, searched on the server as you type: the one
 * picker behind the contact, company and member pickers (and the next
 * module's).
 */
export function RecordPicker<T>({ kind, ...props }: RecordPickerProps<T> & { kind: RecordKind<T> }) {
  const { workspace } = useWorkspace();
  const [query, setQuery] = useState<string | null>(null);
  const results = kind.useSearch(workspace.id, query ?? '', query !== null);
  const selected = kind.useRecord(workspace.id, props.value);
  return (
    <Combobox<T>
      {...props}
      onSearch={setQuery}
      results={results}
      selected={selected}
      getId={kind.getId}
      getLabel={kind.getLabel}
      getDetail={kind.getDetail}
    />
  );
}
