import { queryOptions } from '@tanstack/react-query';
import type { TraceInput } from '../trace/request';
import type { TraceAnswer } from '../trace/types';
import { apiFetch } from './api-fetch';

/** A trace of `input` through the routing now, or as it was at `at`. One definition per query. */
export function traceQuery(input: TraceInput | undefined, at: string) {
  return queryOptions({
    queryKey: ['trace', input, at],
    queryFn: ({ signal }) =>
      apiFetch<TraceAnswer>(`/api/trace${at ? `?at=${encodeURIComponent(at)}` : ''}`, {
        method: 'POST',
        body: input,
        signal,
      }),
    enabled: input !== undefined,
    // A trace answers for the routing of its moment; asking again is the person's choice.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
