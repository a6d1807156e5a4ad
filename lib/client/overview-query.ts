import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { OverviewAnswer, SearchAnswer } from '../api/overview';
import { apiFetch } from './api-fetch';

/**
 * The overview is counts, not objects: read again every few seconds rather than followed
 * by the event stream, which for every namespace would carry the whole mesh's changes.
 */
const OVERVIEW_REFRESH_MS = 10_000;

/** GET /api/overview: one entry per namespace, and whether the mesh is past what the page draws whole. */
export function overviewQuery(enabled = true) {
  return queryOptions({
    queryKey: ['overview'] as const,
    queryFn: ({ signal }) => apiFetch<OverviewAnswer>('/api/overview', { signal }),
    staleTime: OVERVIEW_REFRESH_MS,
    refetchInterval: OVERVIEW_REFRESH_MS,
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
