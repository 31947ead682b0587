import type { MemberView } from '../../api/types';
import { RecordPicker, type RecordKind, type RecordPickerProps } from '../workspaces/recordPicker';
import { useMember, useMemberSearch } from './queries';

const members: RecordKind<MemberView> = {
  useSearch: useMemberSearch,
  useRecord: useMember,
  getId: (m) => m.userId,
  getLabel: (m) => m.name || m.email,
  getDetail: (m) => (m.name ? m.email : undefined),
};

/** A member of the workspace (by name or email), searched on the server as you type. */
export function MemberPicker(props: RecordPickerProps<MemberView>) {
  return <RecordPicker kind={members} {...props} />;
}
