import { queryOptions } from '@tanstack/react-query';
import type { SessionAnswer } from '../api/session';
import type { PastSnapshotAnswer, SnapshotAnswer } from '../api/snapshot';
import { apiFetch } from './api-fetch';

export const SNAPSHOT_KEY = ['snapshot'] as const;

/** Everything the store holds; kept current by the live event stream, not by refetching. */
export function snapshotQuery() {
  return queryOptions({
    queryKey: SNAPSHOT_KEY,
    queryFn: ({ signal }) => apiFetch<SnapshotAnswer>('/api/snapshot', { signal }),
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
