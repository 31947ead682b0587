import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../api/queryClient';
import { ToastProvider } from '../components/Toast';
import { ThemeSync } from '../features/auth/ThemeSync';
import { routes } from './routes';

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ThemeSync />
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
