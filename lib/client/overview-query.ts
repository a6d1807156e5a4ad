import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { OverviewAnswer, SearchAnswer } from '../api/overview';
import { apiFetch } from './api-fetch';

/** How often a small mesh's overview is read again: only whether it grew large is read from it. */
const SMALL_REFRESH_MS = 10_000;

/**
 * GET /api/overview: one entry per namespace, and whether the mesh is past what the page draws
 * whole. A large mesh's overview (drawn as cards) is read once and kept current by the overview
 * stream (useOverviewStream); a small mesh's page holds the whole snapshot and its own stream,
 * and reads the overview again now and then, to see it grow large.
 */
export function overviewQuery(enabled = true) {
  return queryOptions({
    queryKey: ['overview'] as const,
    queryFn: ({ signal }) => apiFetch<OverviewAnswer>('/api/overview', { signal }),
    staleTime: (query) => (query.state.data?.large ? Number.POSITIVE_INFINITY : SMALL_REFRESH_MS),
    refetchInterval: (query) => (query.state.data?.large ? false : SMALL_REFRESH_MS),
    refetchOnWindowFocus: false,
    enabled,
  });
}

/** GET /api/search?q=: where a host or name lives (nothing asked for an empty query). */
export function searchQuery(query: string) {
  const q = query.trim();
  return queryOptions({
    queryKey: ['search', q] as const,
    queryFn: ({ signal }) => apiFetch<SearchAnswer>(`/api/search?q=${encodeURIComponent(q)}`, { signal }),
    enabled: q !== '',
    staleTime: 5_000,
    placeholderData: keepPreviousData,
  });
}
