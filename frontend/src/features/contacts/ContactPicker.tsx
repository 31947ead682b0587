import { useState } from 'react';
import type { ContactView } from '../../api/types';
import { Combobox, type ComboboxProps } from '../../components/Combobox';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useContact, useContactSearch } from './queries';

type PickerProps = Omit<ComboboxProps<ContactView>, 'onSearch' | 'results' | 'selected' | 'getId' | 'getLabel' | 'getDetail'>;

/** A contact of the workspace, searched on the server as you type. */
export function ContactPicker(props: PickerProps) {
  const { workspace } = useWorkspace();
  const [query, setQuery] = useState<string | null>(null);
  const results = useContactSearch(workspace.id, query ?? '', query !== null);
  const selected = useContact(workspace.id, props.value);
  return (
    <Combobox<ContactView>
      {...props}
      onSearch={setQuery}
      results={results}
      selected={selected}
      getId={(c) => c.id}
      getLabel={(c) => c.name}
      getDetail={(c) => c.company?.name ?? c.email ?? undefined}
    />
  );
}
