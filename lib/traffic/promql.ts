import { isTrafficWindow, type TrafficWindow } from './types';

// Every query Weir sends is built here, from constants and a window taken from a fixed list:
// no label value, name or number from a request, an object or Prometheus ever reaches PromQL.
// The queries are grouped by destination, never one per edge: five per window and refresh,
// however large the mesh.

/** The labels each query groups by: enough to find a route destination's series, and its client's kind. */
export const GROUP_LABELS = [
  'destination_service',
  'destination_service_namespace',
  'destination_workload',
  'destination_version',
  'source_workload',
  'source_workload_namespace',
] as const;

const BY = GROUP_LABELS.join(', ');
// Istio reports each request twice (client and server sidecar); the client's report also
// covers a destination without a sidecar and a request that never reached a pod (503 UH/NR).
const SOURCE = 'reporter="source"';

export type QueryName = 'requests' | 'p50' | 'p99' | 'tcpBytes' | 'tcpConnections';

/** The PromQL for one window, by what each answers. */
export function trafficQueries(window: TrafficWindow): Record<QueryName, string> {
  if (!isTrafficWindow(window)) throw new Error(`not a traffic window: ${String(window)}`);
  const latency = (q: number) =>
    `histogram_quantile(${q}, sum by (${BY}, le) (rate(istio_request_duration_milliseconds_bucket{${SOURCE}}[${window}])))`;
  return {
    requests: `sum by (${BY}, response_code) (rate(istio_requests_total{${SOURCE}}[${window}]))`,
    p50: latency(0.5),
    p99: latency(0.99),
    tcpBytes: `sum by (${BY}) (rate(istio_tcp_sent_bytes_total{${SOURCE}}[${window}]))`,
    tcpConnections: `sum by (${BY}) (rate(istio_tcp_connections_opened_total{${SOURCE}}[${window}]))`,
  };
}
