import type { ReactNode } from 'react';
import { ApiError, problemMessage } from '../api/problem';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const heading = title ?? (error instanceof ApiError ? error.problem.title : 'Something went wrong');
  const detail = problemMessage(error);
  const requestId = error instanceof ApiError ? error.problem.request_id : undefined;
  return (
    <div className="state state-error" role="alert">
      <h2>{heading}</h2>
      {detail !== heading && <p>{detail}</p>}
      {requestId && <p className="muted small">Request id: {requestId}</p>}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <h3>{title}</h3>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}

/** A whole-page message (suspended, not found, forbidden). */
export function FullPageMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="full-page-message" aria-labelledby="full-page-title">
      <h1 id="full-page-title">{title}</h1>
      {children}
    </section>
  );
}
