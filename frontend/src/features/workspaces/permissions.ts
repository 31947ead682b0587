import type { Role } from '../../api/types';
import { useWorkspace } from './workspaceContext';

/**
 * Owners and managers write CRM records (leads, contacts, companies, deals,
 * activities); viewers read them. The server refuses viewers' writes with 403
 * anyway: this only decides which controls to show.
 */
export function canWriteCrm(role: Role): boolean {
  return role !== 'viewer';
}

/** {@link canWriteCrm} for the current workspace: the one role check for CRM writes. */
export function useCanWriteCrm(): boolean {
  return canWriteCrm(useWorkspace().workspace.role);
}
