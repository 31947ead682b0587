import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from './states';

export interface Column<T> {
  /** Column header (also the key unless `key` is given). */
  header: string;
  key?: string;
  cell: (row: T) => ReactNode;
}

interface DataTableProps<T> {
  /** Accessible name of the table (a hidden caption). */
  caption: string;
  columns: readonly Column<T>[];
  /** Undefined while loading. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  loading?: boolean;
  /** Say what is loading: "Loading contacts…". */
  loadingLabel?: string;
  error?: unknown;
  errorTitle?: string;
  onRetry?: () => void;
  /** What an empty result shows (an EmptyState, usually with the reason and a way forward). */
  empty: ReactNode;
  /** The rows on screen are the previous result while the next one loads. */
  stale?: boolean;
  /** Pager or load-more control under the table. */
  footer?: ReactNode;
}

/**
 * A list page's table with its states: loading, failed (with a retry), empty,
 * or rows (marked busy while a new filter or page loads over them).
 */
export function DataTable<T>({ caption, columns, rows, rowKey, loading, loadingLabel, error, errorTitle, onRetry, empty, stale, footer }: DataTableProps<T>) {
  if (error) return <ErrorState title={errorTitle} error={error} onRetry={onRetry} />;
  if (loading || !rows) return <LoadingState label={loadingLabel} />;
  if (rows.length === 0) return <>{empty}</>;
  return (
    <>
      <div className="table-wrap" aria-busy={stale || undefined}>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key ?? column.header} scope="col">
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.key ?? column.header}>{column.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {footer}
    </>
  );
}
