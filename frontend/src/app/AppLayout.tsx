import { NavLink, Outlet, useMatch, useNavigate } from 'react-router';
import type { MembershipSummary } from '../api/types';
import { useMe } from '../features/auth/queries';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { lastWorkspace } from '../features/workspaces/workspaceContext';
import { roleLabel } from '../lib/format';
import { ThemeSelect } from './ThemeSelect';
import { UserMenu } from './UserMenu';
import { VerifyEmailBanner } from './VerifyEmailBanner';

function WorkspaceNav({ membership }: { membership: MembershipSummary }) {
  const base = `/w/${membership.workspaceId}`;
  const isOwner = membership.role === 'owner';
  return (
    <>
      <ul className="nav-list">
        <li>
          <NavLink to={base} end>
            Home
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/leads`}>Leads</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/contacts`}>Contacts</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/companies`}>Companies</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/deals`}>Deals</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/activities`}>Activities</NavLink>
        </li>
      </ul>
      {/* Settings apart from the day-to-day pages: the team, your notifications and (owners) the workspace's setup. */}
      <h2 className="nav-section-title" id="nav-settings">
        Settings
      </h2>
      <ul className="nav-list" aria-labelledby="nav-settings">
        <li>
          <NavLink to={`${base}/team`}>Team</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/settings/notifications`}>Notifications</NavLink>
        </li>
        {isOwner && (
          <>
            <li>
              <NavLink to={`${base}/settings`} end>
                Workspace
              </NavLink>
            </li>
            <li>
              <NavLink to={`${base}/settings/lead-sources`}>Lead sources</NavLink>
            </li>
            <li>
              <NavLink to={`${base}/settings/pipelines`}>Pipelines</NavLink>
            </li>
            <li>
              <NavLink to={`${base}/settings/api-tokens`}>API tokens</NavLink>
            </li>
          </>
        )}
      </ul>
    </>
  );
}

/** The signed-in shell: sidebar (workspace selector, role-based nav, theme, user menu) + page. */
export function AppLayout() {
  const me = useMe();
  const navigate = useNavigate();
  const match = useMatch('/w/:workspaceId/*');
  const data = me.data;
  if (!data) return null; // RequireAuth renders us only with a user.

  const currentId = match?.params.workspaceId ?? lastWorkspace() ?? data.workspaces[0]?.workspaceId;
  const membership = data.workspaces.find((w) => w.workspaceId === currentId) ?? (match ? undefined : data.workspaces[0]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>CRM</span>
        </div>
        {data.workspaces.length > 0 && (
          <div className="workspace-select">
            <label htmlFor="workspace-select">Workspace</label>
            <select
              id="workspace-select"
              value={membership?.workspaceId ?? ''}
              onChange={(event) => navigate(`/w/${event.target.value}`)}
            >
              {!membership && <option value="">Choose a workspace</option>}
              {data.workspaces.map((w) => (
                <option key={w.workspaceId} value={w.workspaceId}>
                  {w.name}
                  {w.suspended ? ' (suspended)' : ''}
                </option>
              ))}
            </select>
            {membership && <p className="muted small">Your role: {roleLabel(membership.role)}</p>}
          </div>
        )}
        {membership && !membership.suspended && <NotificationBell key={membership.workspaceId} workspaceId={membership.workspaceId} />}
        <nav aria-label="Main">
          {membership && !membership.suspended && <WorkspaceNav membership={membership} />}
          <ul className="nav-list">
            <li>
              <NavLink to="/account">Account</NavLink>
            </li>
            {data.user.isPlatformAdmin && (
              <li>
                <NavLink to="/admin/users">Admin: users</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <ThemeSelect />
          <UserMenu user={data.user} />
        </div>
      </aside>
      <div className="main-column">
        {!data.user.emailVerified && <VerifyEmailBanner email={data.user.email} />}
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
