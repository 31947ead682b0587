import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { DataTable, type Column } from './DataTable';
import { LoadMore } from './LoadMore';

interface Row {
  id: string;
  name: string;
}
const columns: Column<Row>[] = [
  { header: 'Name', cell: (r) => r.name },
  { header: 'Id', cell: (r) => <code>{r.id}</code> },
];
const props = { caption: 'People', columns, rowKey: (r: Row) => r.id, loadingLabel: 'Loading people…', empty: <p>Nobody yet</p> };

describe('DataTable', () => {
  it('says it is loading, then shows the rows under their headers, busy while stale', () => {
    const { rerender } = render(<DataTable {...props} rows={undefined} loading />);
    expect(screen.getByRole('status').textContent).toContain('Loading people…');
    rerender(<DataTable {...props} rows={[{ id: 'a', name: 'Ada' }]} stale footer={<p>pager</p>} />);
    const table = screen.getByRole('table', { name: 'People' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Name', 'Id']);
    expect(within(table).getByRole('row', { name: /Ada/ })).toBeTruthy();
    expect(table.parentElement!.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('pager')).toBeTruthy();
  });

  it('shows the empty state, or the error with a retry', async () => {
    const { rerender } = render(<DataTable {...props} rows={[]} />);
    expect(screen.getByText('Nobody yet')).toBeTruthy();
    const retry = vi.fn();
    const error = new ApiError({ type: 'about:blank', title: 'Server error', status: 500, code: 'internal', detail: 'boom' } as never, '/x');
    rerender(<DataTable {...props} rows={undefined} error={error} errorTitle="Could not load people" onRetry={retry} />);
    expect(screen.getByRole('alert').textContent).toContain('Could not load people');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalled();
  });
});

describe('LoadMore', () => {
  it('is hidden at the end, busy while loading, and says when a page failed', async () => {
    const more = vi.fn();
    const { rerender, container } = render(<LoadMore noun="people" hasMore={false} loading={false} onLoadMore={more} />);
    expect(container.textContent).toBe('');
    rerender(<LoadMore noun="people" hasMore loading={false} onLoadMore={more} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Load more people' }));
    expect(more).toHaveBeenCalledOnce();
    rerender(<LoadMore noun="people" hasMore loading onLoadMore={more} />);
    expect((screen.getByRole('button', { name: 'Loading…' }) as HTMLButtonElement).disabled).toBe(true);
    rerender(<LoadMore noun="people" hasMore loading={false} failed onLoadMore={more} />);
    expect(screen.getByRole('alert').textContent).toBe('Could not load more people.');
  });
});
