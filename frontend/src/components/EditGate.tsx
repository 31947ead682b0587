import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api/problem';
import { ErrorState, FullPageMessage, LoadingState } from './states';

interface EditGateProps<T> {
  /** The record being edited. */
  query: UseQueryResult<T>;
  /** Lower-case name of the record kind: "lead", "deal"… */
  noun: string;
  workspaceName: string;
  /** Where "Back to …" leads when the record does not exist. */
  listPath: string;
  listLabel: string;
  /** What a caller who may not edit sees instead (null when they may). */
  refusal: ReactNode;
  children: (record: T) => ReactNode;
}

/**
 * The states every edit page goes through before its form: refused for
 * viewers, loading, not found (also for a malformed id), failed with a retry.
 */
export function EditGate<T>({ query, noun, workspaceName, listPath, listLabel, refusal, children }: EditGateProps<T>) {
  if (refusal) return refusal;
  if (query.isPending) return <LoadingState label={`Loading ${noun}…`} />;
  if ([400, 404, 422].some((status) => isApiError(query.error, { status }))) {
    return (
      <FullPageMessage title={`${noun.charAt(0).toUpperCase()}${noun.slice(1)} not found`}>
        <p>
          This {noun} does not exist in {workspaceName}.
        </p>
        <Link className="btn" to={listPath}>
          {listLabel}
        </Link>
      </FullPageMessage>
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
