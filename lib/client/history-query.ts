import { queryOptions } from '@tanstack/react-query';
import type { HistoryAnswer } from '../api/history';
import type { ObjectRef } from '../mesh/types';
import { apiFetch } from './api-fetch';

/** The recorded changes of one object, newest first (GET /api/history). */
export function historyQuery(ref: ObjectRef) {
  const params = new URLSearchParams({ namespace: ref.namespace, kind: ref.kind, name: ref.name });
  return queryOptions({
    queryKey: ['history', ref.namespace, ref.kind, ref.name] as const,
    queryFn: ({ signal }) =>
      apiFetch<HistoryAnswer>(`/api/history?${params}`, { signal }).then((answer) => answer.entries),
    staleTime: 5_000,
    // Outside changes are recorded as the watch sees them; look again now and then.
    refetchInterval: 15_000,
  });
}
