import { Counter, Histogram, Registry } from 'prom-client';

// Istio's standard metrics, with the names, labels and buckets its stats plugin gives them
// (istio.io "Istio Standard Metrics"; proxy/extensions stats: the default buckets of
// istio_request_duration_milliseconds). prom-client writes the exposition format; the traffic
// source only decides the values.

const PEER_LABELS = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_cluster',
  'request_protocol',
  'response_flags',
  'connection_security_policy',
] as const;
const HTTP_LABELS = [...PEER_LABELS, 'response_code', 'grpc_response_status'] as const;

export type PeerLabels = Record<(typeof PEER_LABELS)[number], string>;
export type HttpLabels = Record<(typeof HTTP_LABELS)[number], string>;

const DURATION_BUCKETS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
];

/** A registry holding Istio's HTTP and TCP metrics. */
export function istioMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'istio_requests_total',
      help: 'Total number of requests',
      labelNames: HTTP_LABELS,
      registers,
    }),
    duration: new Histogram({
      name: 'istio_request_duration_milliseconds',
      help: 'Request duration in milliseconds',
      labelNames: HTTP_LABELS,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    tcpSent: new Counter({
      name: 'istio_tcp_sent_bytes_total',
      help: 'Total bytes sent in response to a TCP connection',
      labelNames: PEER_LABELS,
      registers,
    }),
    tcpReceived: new Counter({
      name: 'istio_tcp_received_bytes_total',
      help: 'Total bytes received in request to a TCP connection',
      labelNames: PEER_LABELS,
      registers,
    }),
    tcpOpened: new Counter({
      name: 'istio_tcp_connections_opened_total',
      help: 'Total TCP connections opened',
      labelNames: PEER_LABELS,
      registers,
    }),
    tcpClosed: new Counter({
      name: 'istio_tcp_connections_closed_total',
      help: 'Total TCP connections closed',
      labelNames: PEER_LABELS,
      registers,
    }),
  };
}
export type IstioMetrics = ReturnType<typeof istioMetrics>;
