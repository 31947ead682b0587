import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '../api/queryClient';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { routes as appRoutes } from '../app/routes';
import { ToastProvider } from '../components/Toast';
import type { MeView } from '../api/types';

export function testQueryClient() {
  // The app's client (its caches watch for workspace.suspended), without retries.
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false, staleTime: Infinity, refetchOnWindowFocus: false }, mutations: { retry: false } });
  return client;
}

/** Renders the real route table at `path` with a memory router. */
export function renderRoute(path: string, options: { routes?: RouteObject[]; queryClient?: QueryClient } = {}) {
  const queryClient = options.queryClient ?? testQueryClient();
  const router = createMemoryRouter(options.routes ?? appRoutes, { initialEntries: [path] });
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...utils, router, queryClient };
}

export const WS_ID = '0193a000-0000-7000-8000-000000000001';

export function meFixture(overrides: { role?: 'owner' | 'manager' | 'viewer'; emailVerified?: boolean; isPlatformAdmin?: boolean } = {}): MeView {
  return {
    user: {
      id: '0193a000-0000-7000-8000-0000000000aa',
      email: 'ada@example.test',
      name: 'Ada',
      emailVerified: overrides.emailVerified ?? true,
      isPlatformAdmin: overrides.isPlatformAdmin ?? false,
      theme: 'system',
    },
    workspaces: [{ workspaceId: WS_ID, name: "Ada's workspace", role: overrides.role ?? 'owner', currency: 'EUR', suspended: false }],
  };
}

export function workspaceFixture(role: 'owner' | 'manager' | 'viewer' = 'owner') {
  return { id: WS_ID, name: "Ada's workspace", currency: 'EUR', role, createdAt: '2026-01-01T00:00:00Z' };
}
