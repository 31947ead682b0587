interface LoadMoreProps {
  /** What more of: "members", "tokens"… */
  noun: string;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  /** Loading the next page failed: say so and offer the button again. */
  failed?: boolean;
}

/** Keyset "Load more" under a list (`nextCursor`): hidden at the end, busy while loading. */
export function LoadMore({ noun, hasMore, loading, onLoadMore, failed }: LoadMoreProps) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      {failed ? (
        <p className="field-error" role="alert">
          Could not load more {noun}.
        </p>
      ) : null}
      <button type="button" className="btn" onClick={onLoadMore} disabled={loading} aria-busy={loading || undefined}>
        {loading ? 'Loading…' : `Load more ${noun}`}
      </button>
    </div>
  );
}
