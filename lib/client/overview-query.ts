import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { OverviewAnswer, SearchAnswer } from '../api/overview';
import { apiFetch } from './api-fetch';

/**
 * GET /api/overview: one entry per namespace, and whether the mesh is past what the page draws
 * whole. Read once; the overview stream (useOverviewStream) keeps it current from there.
 */
export function overviewQuery(enabled = true) {
  return queryOptions({
    queryKey: ['overview'] as const,
    queryFn: ({ signal }) => apiFetch<OverviewAnswer>('/api/overview', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
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
