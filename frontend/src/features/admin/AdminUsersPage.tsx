import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { problemMessage } from '../../api/problem';
import type { AdminUserView } from '../../api/types';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useToast } from '../../components/toastContext';
import { formatDate } from '../../lib/format';
import { useMe } from '../auth/queries';
import { setUserBanned, useAdminUsers } from './queries';
import { LoadMore } from '../../components/LoadMore';


export function AdminUsersPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [pending, setPending] = useState<{ user: AdminUserView; action: 'ban' | 'unban' } | null>(null);
  const me = useMe();
  const toast = useToast();
  const queryClient = useQueryClient();

  const users = useAdminUsers(q);

  const ban = useMutation({
    mutationFn: ({ user, action }: { user: AdminUserView; action: 'ban' | 'unban' }) =>
      setUserBanned(user.id, action === 'ban'),
    onSuccess: (_updated, { user, action }) => {
      toast.success(action === 'ban' ? `${user.email} is banned and signed out everywhere` : `${user.email} is unbanned`);
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (error) => toast.error(`Could not update the user: ${problemMessage(error)}`),
  });

  function onSearch(event: FormEvent) {
    event.preventDefault();
    setParams(draft.trim() ? { q: draft.trim() } : {});
  }

  let body;
  if (users.isPending) body = <LoadingState label="Loading users…" />;
  else if (users.isError) body = <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  else {
    const rows = users.data.pages.flatMap((p) => p.data);
    body =
      rows.length === 0 ? (
        <EmptyState title={q ? `No users match “${q}”` : 'No users yet'} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((user) => (
                  <tr key={user.id}>
                    <td>
                      {user.name} {user.isPlatformAdmin && <Badge tone="info">Admin</Badge>}
                    </td>
                    <td>{user.email}</td>
                    <td>{formatDate(user.createdAt)}</td>
                    <td>{user.bannedAt ? <Badge tone="danger">Banned</Badge> : <Badge tone="success">Active</Badge>}</td>
                    <td>
                      {user.id !== me.data?.user.id &&
                        (user.bannedAt ? (
                          <button type="button" className="btn btn-small" aria-label={`Unban ${user.email}`} onClick={() => setPending({ user, action: 'unban' })}>
                            Unban
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="btn btn-small btn-danger-outline"
                            aria-label={`Ban ${user.email}`}
                            onClick={() => setPending({ user, action: 'ban' })}
                          >
                            Ban
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore noun="users" hasMore={users.hasNextPage} loading={users.isFetchingNextPage} failed={users.isFetchNextPageError} onLoadMore={() => void users.fetchNextPage()} />
        </>
      );
  }

  return (
    <>
      <PageHeader title="Users" description="Every account on this installation." />
      <form role="search" className="search-form" onSubmit={onSearch}>
        <label htmlFor="user-search" className="visually-hidden">
          Search users
        </label>
        <input id="user-search" type="search" placeholder="Search by name or email" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn">
          Search
        </button>
      </form>
      {body}
      {pending && (
        <ConfirmDialog
          title={pending.action === 'ban' ? `Ban ${pending.user.email}?` : `Unban ${pending.user.email}?`}
          confirmLabel={pending.action === 'ban' ? 'Ban user' : 'Unban user'}
          danger={pending.action === 'ban'}
          pending={ban.isPending}
          onCancel={() => setPending(null)}
          onConfirm={() => ban.mutate(pending)}
        >
          <p>
            {pending.action === 'ban'
              ? 'The user is signed out everywhere and cannot sign in until unbanned.'
              : 'The user can sign in again.'}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
