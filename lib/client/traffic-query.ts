import { queryOptions } from '@tanstack/react-query';
import type { TrafficReport, TrafficWindow } from '../traffic/types';
import { apiFetch } from './api-fetch';

/** Asked again this often, which also keeps a window other than 1m queried on the server. */
const ASK_AGAIN_MS = 60_000;

/** The key every window's report lives under; the event stream's pushes update them all. */
export const TRAFFIC_KEY = ['traffic'] as const;

/** A report as the cache holds it: marked when it came on the event stream. */
export type HeldTrafficReport = TrafficReport & { fromStream?: true };

/** GET /api/traffic?window=: the latest figures; `event: traffic` on the stream replaces them. */
export function trafficQuery(window: TrafficWindow) {
  return queryOptions({
    queryKey: [...TRAFFIC_KEY, window] as const,
    queryFn: ({ signal }) => apiFetch<HeldTrafficReport>(`/api/traffic?window=${window}`, { signal }),
    refetchInterval: ASK_AGAIN_MS,
    staleTime: ASK_AGAIN_MS,
  });
}

/** What the event stream's `event: traffic` puts in the cache. */
export function streamedReport(report: TrafficReport): HeldTrafficReport {
  return { ...report, fromStream: true };
}

/**
 * The time (the server's clock, ms) the converging tracker may place the report's figures at:
 * only a live report from the event stream. The minute's GET refetch may be answered by another
 * replica with another clock, whose time would place figures before or after a move wrongly;
 * its figures are shown, never counted as taken after a move.
 */
export function convergenceTime(report: HeldTrafficReport | undefined): number | undefined {
  if (!report?.fromStream || report.status.state !== 'live') return undefined;
  return Date.parse(report.status.at);
}
