'use client';

import { isServer, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { shouldRetry } from '@/lib/client/retry';

function makeQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: shouldRetry } } });
}

// One client for the life of the page; the server renders each request with its own so no
// person's data can reach another's page.
const browserQueryClient = isServer ? undefined : makeQueryClient();

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={browserQueryClient ?? makeQueryClient()}>{children}</QueryClientProvider>
  );
}
