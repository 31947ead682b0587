import { createContext, useContext } from 'react';
import type { WorkspaceView } from '../../api/types';

export interface WorkspaceContextValue {
  workspace: WorkspaceView;
  isOwner: boolean;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** The workspace of the current /w/:workspaceId page (only inside WorkspaceLayout). */
export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace must be used inside <WorkspaceLayout>');
  return value;
}

export const workspaceKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId] as const,
  detail: (workspaceId: string) => ['workspaces', workspaceId, 'detail'] as const,
  members: (workspaceId: string) => ['workspaces', workspaceId, 'members'] as const,
  member: (workspaceId: string, userId: string) => ['workspaces', workspaceId, 'members', userId] as const,
  invitations: (workspaceId: string) => ['workspaces', workspaceId, 'invitations'] as const,
  apiTokens: (workspaceId: string) => ['workspaces', workspaceId, 'api-tokens'] as const,
  summary: (workspaceId: string) => ['workspaces', workspaceId, 'summary'] as const,
};

const LAST_WORKSPACE_KEY = 'crm.lastWorkspace';

export function rememberWorkspace(workspaceId: string) {
  try {
    localStorage.setItem(LAST_WORKSPACE_KEY, workspaceId);
  } catch {
    // Not essential: only used to keep the sidebar on the same workspace.
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    return null;
  }
}
