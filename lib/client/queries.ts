import { queryOptions } from '@tanstack/react-query';
import type { CreateAccessAnswer, SessionAnswer } from '../api/session';
import type { FirstLayout, PastSnapshotAnswer, SnapshotAnswer } from '../api/snapshot';
import { apiFetch } from './api-fetch';

export const SNAPSHOT_KEY = ['snapshot'] as const;

// The namespaces the page shows (none: all). One snapshot per page, under one key that the
// optimistic writes patch, so the view it was loaded for is kept beside it, not in its key.
let viewed: readonly string[] = [];

/** Sets the namespaces the page shows; the next snapshot load and event stream are theirs. */
export function setViewedNamespaces(namespaces: readonly string[]): void {
  viewed = namespaces;
}

/** `?namespace=a&namespace=b` for the page's view, or '' for the whole mesh. */
export function viewQuery(namespaces: readonly string[] = viewed): string {
  return namespaces.map((namespace) => `namespace=${encodeURIComponent(namespace)}`).join('&');
}

/**
 * What the store holds for the page's view (setViewedNamespaces): the namespaces shown and
 * what their routing reaches, or everything; kept current by the live event stream.
 */
export function snapshotQuery() {
  return queryOptions({
    queryKey: SNAPSHOT_KEY,
    queryFn: ({ signal }) => {
      const query = viewQuery();
      return apiFetch<SnapshotAnswer>(query ? `/api/snapshot?${query}` : '/api/snapshot', { signal });
    },
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** The routing as it was at a past time (GET /api/snapshot?at=), read-only: its own key, so the live stream never patches it. */
export function snapshotAtQuery(at: string) {
  return queryOptions({
    queryKey: ['snapshot-at', at] as const,
    queryFn: ({ signal }) =>
      apiFetch<PastSnapshotAnswer>(`/api/snapshot?at=${encodeURIComponent(at)}`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    enabled: at !== '',
  });
}

/** Who is looking, and what they may do (GET /api/session). */
export function sessionQuery() {
  return queryOptions({
    queryKey: ['session'] as const,
    queryFn: ({ signal }) => apiFetch<SessionAnswer>('/api/session', { signal }),
    staleTime: 60_000,
  });
}

/** Whether the person may create a ReferenceGrant in `namespace` (the grant button asks before it is enabled). */
export function createAccessQuery(namespace: string) {
  return queryOptions({
    queryKey: ['session', 'create-access', 'ReferenceGrant', namespace] as const,
    queryFn: ({ signal }) =>
      apiFetch<CreateAccessAnswer>(
        `/api/session/create-access?${new URLSearchParams({ kind: 'ReferenceGrant', namespace })}`,
        { signal },
      ),
    staleTime: 30_000,
  });
}

/**
 * Where the first graph of the page's view stands, as the server laid it out for the first
 * HTML (lib/server/first-layout.ts); the browser never asks for one: none means lay out here.
 */
export function firstLayoutQuery() {
  return queryOptions({
    queryKey: ['first-layout'] as const,
    queryFn: (): FirstLayout | null => null,
    enabled: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
