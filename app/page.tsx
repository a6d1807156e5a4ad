import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { Dashboard } from '@/components/dashboard';
import { DashboardFrame } from '@/components/dashboard-frame';
import { overviewQuery } from '@/lib/client/overview-query';
import { firstLayoutQuery, sessionQuery, snapshotAtQuery, snapshotQuery } from '@/lib/client/queries';
import { type FirstPaintView, firstPaint } from '@/lib/server/first-paint';
import { sessionExpiredSignIn } from '@/lib/url/session-expired';

type Params = Record<string, string | string[] | undefined>;

/**
 * The dashboard, its first HTML already holding what the person may see of the view the address
 * asks for (`?namespace=`, `?at=`): the browser's queries start from it and the live stream
 * resumes from its sequence, so there is no "Loading the mesh…" round trip. Someone whose
 * session has ended goes to sign-in before anything is read or sent.
 */
export default async function Page({ searchParams }: { searchParams: Promise<Params> }) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      params.append(name, one);
  }
  const first = await firstPaint(new Headers(await headers()), params);
  if (first.signIn) {
    const query = params.toString();
    redirect(sessionExpiredSignIn(query ? `/?${query}` : '/'));
  }
  // The frame goes out at once, so the browser loads the scripts while the server reads the view
  // and renders the dashboard with it: the read no longer holds back the first byte.
  return (
    <Suspense fallback={<DashboardFrame />}>
      <Prefetched view={first.view} at={params.get('at') ?? ''} />
    </Suspense>
  );
}

async function Prefetched({ view, at }: { view: Promise<FirstPaintView>; at: string }) {
  const first = await view;
  // Per request, never shared: it holds one person's view.
  const client = new QueryClient();
  if (first.session) client.setQueryData(sessionQuery().queryKey, first.session);
  if (first.snapshot) client.setQueryData(snapshotQuery().queryKey, first.snapshot);
  if (first.layout) client.setQueryData(firstLayoutQuery().queryKey, first.layout);
  if (first.overview) client.setQueryData(overviewQuery().queryKey, first.overview);
  if (first.past) client.setQueryData(snapshotAtQuery(at).queryKey, first.past);
  return (
    <HydrationBoundary state={dehydrate(client)}>
      {/* The dashboard reads the namespace choice from the URL with useSearchParams. */}
      <Suspense>
        <Dashboard />
      </Suspense>
    </HydrationBoundary>
  );
}
