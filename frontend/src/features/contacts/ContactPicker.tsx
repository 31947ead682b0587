import type { ContactView } from '../../api/types';
import { RecordPicker, type RecordKind, type RecordPickerProps } from '../workspaces/recordPicker';
import { useContact, useContactSearch } from './queries';

const contacts: RecordKind<ContactView> = {
  useSearch: useContactSearch,
  useRecord: useContact,
  getId: (c) => c.id,
  getLabel: (c) => c.name,
  getDetail: (c) => c.company?.name ?? c.email ?? undefined,
};

/** A contact of the workspace, searched on the server as you type. */
export function ContactPicker(props: RecordPickerProps<ContactView>) {
  return <RecordPicker kind={contacts} {...props} />;
}
