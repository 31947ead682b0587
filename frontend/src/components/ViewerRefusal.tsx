import { Link } from 'react-router';
import { FullPageMessage } from './states';

/** The page a viewer gets instead of a create/edit form. */
export function ViewerRefusal({ title, workspaceName, role, backTo, backLabel }: { title: string; workspaceName: string; role: string; backTo: string; backLabel: string }) {
  return (
    <FullPageMessage title={title}>
      <p>
        Your role in {workspaceName} is <strong>{role}</strong>. Ask an owner or a manager if something needs to change.
      </p>
      <Link className="btn" to={backTo}>
        {backLabel}
      </Link>
    </FullPageMessage>
  );
}
