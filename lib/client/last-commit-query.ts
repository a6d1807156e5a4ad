import { queryOptions } from '@tanstack/react-query';
import type { LastCommitAnswer } from '../api/history';
import type { ObjectKey } from '../mesh/types';
import { apiFetch } from './api-fetch';

/** The last Git commit that touched an object's document (GET /api/last-commit). Keyed by object and version: a new version of the object may have a newer commit. */
export function lastCommitQuery(key: ObjectKey, resourceVersion: string | undefined) {
  return queryOptions({
    queryKey: ['last-commit', key, resourceVersion] as const,
    queryFn: ({ signal }) =>
      apiFetch<LastCommitAnswer>(`/api/last-commit?key=${encodeURIComponent(key)}`, {
        signal,
      }).then((answer) => answer.commit),
    staleTime: 60_000,
  });
}
