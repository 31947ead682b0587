import { useWorkspace } from '../workspaces/workspaceContext';

/** Owners and managers change leads; viewers read them (the server refuses their writes with 403). */
export function useCanWriteLeads(): boolean {
  return useWorkspace().workspace.role !== 'viewer';
}
