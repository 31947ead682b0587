import { useState } from 'react';
import type { CompanyView } from '../../api/types';
import { Combobox, type ComboboxProps } from '../../components/Combobox';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useCompany, useCompanySearch } from './queries';

type PickerProps = Omit<ComboboxProps<CompanyView>, 'onSearch' | 'results' | 'selected' | 'getId' | 'getLabel' | 'getDetail'>;

/** A company of the workspace, searched on the server as you type. */
export function CompanyPicker(props: PickerProps) {
  const { workspace } = useWorkspace();
  const [query, setQuery] = useState<string | null>(null);
  const results = useCompanySearch(workspace.id, query ?? '', query !== null);
  const selected = useCompany(workspace.id, props.value);
  return (
    <Combobox<CompanyView>
      {...props}
      onSearch={setQuery}
      results={results}
      selected={selected}
      getId={(c) => c.id}
      getLabel={(c) => c.name}
      getDetail={(c) => c.domain ?? undefined}
    />
  );
}
