import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { problemMessage } from '../api/problem';
import { ConfirmDialog } from './ConfirmDialog';
import { useToast } from './toastContext';

interface ConfirmCopy<T> {
  title: (target: T) => string;
  body: (target: T) => ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Toast once done. */
  done: (target: T) => string;
  /** Toast prefix when refused: "Could not revoke the token". */
  failed: (target: T) => string;
}

/**
 * Confirm → mutate → toast: `ask(target)` opens the dialog, confirming runs
 * the mutation, and what happened (or what went wrong) is toasted. Render
 * `dialog` somewhere in the component.
 */
export function useConfirmedMutation<T>(mutation: UseMutationResult<unknown, unknown, T>, copy: ConfirmCopy<T>) {
  const toast = useToast();
  const [target, setTarget] = useState<T | null>(null);
  const dialog =
    target === null ? null : (
      <ConfirmDialog
        title={copy.title(target)}
        confirmLabel={copy.confirmLabel}
        danger={copy.danger}
        pending={mutation.isPending}
        onCancel={() => setTarget(null)}
        onConfirm={() =>
          mutation.mutate(target, {
            onSuccess: () => {
              toast.success(copy.done(target));
              setTarget(null);
            },
            // The dialog stays: retry or cancel.
            onError: (error) => toast.error(`${copy.failed(target)}: ${problemMessage(error)}`),
          })
        }
      >
        {copy.body(target)}
      </ConfirmDialog>
    );
  return { ask: (next: T) => setTarget(next), dialog, pendingTarget: target };
}
