import { queryOptions } from '@tanstack/react-query';
import type { ShareHistory } from '../api/traffic';
import { type RouteAddress, routeAddressKey } from '../mesh/route-address';
import type { TrafficWindow } from '../traffic/types';
import { apiFetch } from './api-fetch';

/** GET /api/traffic/history: one route's measured shares over the window, asked again every 15 s. */
export function shareHistoryQuery(window: TrafficWindow, route: RouteAddress) {
  const params = new URLSearchParams({
    window,
    namespace: route.ref.namespace,
    name: route.ref.name,
    kind: route.routeKind,
    index: String(route.routeIndex),
  });
  return queryOptions({
    queryKey: ['traffic-history', window, routeAddressKey(route)] as const,
    queryFn: ({ signal }) => apiFetch<ShareHistory>(`/api/traffic/history?${params}`, { signal }),
    refetchInterval: 15_000,
  });
}
