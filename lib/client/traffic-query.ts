import { queryOptions } from '@tanstack/react-query';
import type { TrafficReport, TrafficWindow } from '../traffic/types';
import { apiFetch } from './api-fetch';

/** Asked again this often, which also keeps a window other than 1m queried on the server. */
const ASK_AGAIN_MS = 60_000;

/** The key every window's report lives under; the event stream's pushes update them all. */
export const TRAFFIC_KEY = ['traffic'] as const;

/** GET /api/traffic?window=: the latest figures; `event: traffic` on the stream replaces them. */
export function trafficQuery(window: TrafficWindow) {
  return queryOptions({
    queryKey: [...TRAFFIC_KEY, window] as const,
    queryFn: ({ signal }) => apiFetch<TrafficReport>(`/api/traffic?window=${window}`, { signal }),
    refetchInterval: ASK_AGAIN_MS,
    staleTime: ASK_AGAIN_MS,
  });
}
