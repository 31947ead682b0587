import type { ReactNode } from 'react';
import type { MemberView } from '../../api/types';
import { useWorkspace } from '../workspaces/workspaceContext';
import { useMemberName } from './queries';

/**
 * A member's name for display, from `members` (a page already loaded) or
 * fetched by id: never a raw id, and never "no owner" for a member who is
 * simply not on the first page. `none` when there is no id; "A former member"
 * when the id is no member any more.
 */
export function MemberName({
  userId,
  members,
  none,
  former = 'A former member',
}: {
  userId: string | null | undefined;
  members?: readonly MemberView[];
  none: ReactNode;
  former?: string;
}) {
  const { workspace } = useWorkspace();
  const { name, missing, loading } = useMemberName(workspace.id, userId, members);
  if (!userId) return <>{none}</>;
  if (name) return <>{name}</>;
  if (missing) return <>{former}</>;
  return loading ? <span className="muted">…</span> : <>{former}</>;
}
