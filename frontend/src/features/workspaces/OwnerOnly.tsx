import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { FullPageMessage } from '../../components/states';
import { useWorkspace } from './workspaceContext';

/** Owner-only pages explain the refusal instead of failing (the server enforces it as well: 403 `auth.forbidden`). */
export function OwnerOnly({ message, children }: { message: string; children: ReactNode }) {
  const { workspace, isOwner } = useWorkspace();
  if (isOwner) return children;
  return (
    <FullPageMessage title={message}>
      <p>
        Your role in {workspace.name} is <strong>{workspace.role}</strong>. Ask a workspace owner if something here needs to change.
      </p>
      <Link className="btn" to={`/w/${workspace.id}`}>
        Back to workspace home
      </Link>
    </FullPageMessage>
  );
}
