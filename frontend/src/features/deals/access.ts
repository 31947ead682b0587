import { useWorkspace } from '../workspaces/workspaceContext';

/** Owners and managers change deals; viewers read them (the server refuses their writes with 403). */
export function useCanWriteDeals(): boolean {
  return useWorkspace().workspace.role !== 'viewer';
}
