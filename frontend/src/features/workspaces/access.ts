import { useSyncExternalStore } from 'react';

/**
 * Workspaces the server told us we are suspended from (403
 * `workspace.suspended` on any request under that workspace). The workspace
 * layout swaps the whole page for the suspended state while an id is here.
 */
const suspended = new Set<string>();
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function markWorkspaceSuspended(workspaceId: string) {
  if (suspended.has(workspaceId)) return;
  suspended.add(workspaceId);
  emit();
}

export function clearWorkspaceSuspended(workspaceId: string) {
  if (!suspended.delete(workspaceId)) return;
  emit();
}

export function isWorkspaceSuspended(workspaceId: string): boolean {
  return suspended.has(workspaceId);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useWorkspaceSuspended(workspaceId: string | undefined): boolean {
  return useSyncExternalStore(
    subscribe,
    () => (workspaceId ? suspended.has(workspaceId) : false),
    () => false,
  );
}

/** Test hook: forget every suspension seen so far. */
export function resetWorkspaceAccess() {
  suspended.clear();
  emit();
}
