import { useState } from 'react';
import type { MemberView } from '../../api/types';
import { Combobox, type ComboboxProps } from '../../components/Combobox';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useMember, useMemberSearch } from './queries';

type PickerProps = Omit<ComboboxProps<MemberView>, 'onSearch' | 'results' | 'selected' | 'getId' | 'getLabel' | 'getDetail'>;

/** A member of the workspace (by name or email), searched on the server as you type. */
export function MemberPicker(props: PickerProps) {
  const { workspace } = useWorkspace();
  const [query, setQuery] = useState<string | null>(null);
  const results = useMemberSearch(workspace.id, query ?? '', query !== null);
  const selected = useMember(workspace.id, props.value);
  return (
    <Combobox<MemberView>
      {...props}
      onSearch={setQuery}
      results={results}
      selected={selected}
      getId={(m) => m.userId}
      getLabel={(m) => m.name || m.email}
      getDetail={(m) => (m.name ? m.email : undefined)}
    />
  );
}
