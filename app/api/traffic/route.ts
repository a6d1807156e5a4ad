import { readEndpoint } from '@/lib/server/endpoint';
import { readTrafficWindow, trafficFor } from '@/lib/server/traffic/traffic-answer';
import type { TrafficReport } from '@/lib/traffic/types';

/**
 * Live traffic from Istio's standard metrics in Prometheus (WEIR_PROMETHEUS_URL), per
 * destination service, workload and version, over `?window=` (1m, 5m, 1h): `status.state` is
 * `off` without Prometheus, `stale` (with the reason) when it does not answer. The event
 * stream pushes the same as `event: traffic` on each refresh.
 */
export const GET = readEndpoint(
  (viewer, query): Promise<TrafficReport> => trafficFor(viewer.visibility, readTrafficWindow(query)),
);
