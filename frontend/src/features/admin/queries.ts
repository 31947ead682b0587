
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const ADMIN_PAGE_SIZE = 50;

export const adminUsersKey = (q: string) => ['admin', 'users', q] as const;

/** Every account on the platform (platform admins), searched by email or name. */
export function useAdminUsers(q: string) {
  return useInfiniteQuery({
    queryKey: adminUsersKey(q),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/admin/users', {
          params: { query: { limit: ADMIN_PAGE_SIZE, ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function setUserBanned(userId: string, banned: boolean) {
  return banned
    ? unwrap(api.PUT('/api/admin/users/{userId}/ban', { params: { path: { userId } } }))
    : unwrap(api.DELETE('/api/admin/users/{userId}/ban', { params: { path: { userId } } }));
}
