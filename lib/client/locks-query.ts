import { queryOptions } from '@tanstack/react-query';
import type { LocksAnswer } from '../api/locks';
import { apiFetch } from './api-fetch';

/** Objects another controller owns (Argo Rollouts, Flagger, Argo CD, Flux): GET /api/locks. */
export function locksQuery() {
  return queryOptions({
    queryKey: ['locks'] as const,
    queryFn: ({ signal }) => apiFetch<LocksAnswer>('/api/locks', { signal }),
    staleTime: 5_000,
    refetchInterval: 10_000,
  });
}
