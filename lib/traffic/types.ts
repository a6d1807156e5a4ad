/** How far back a rate or quantile looks: the choices Weir offers (and the only ones PromQL gets). */
export const TRAFFIC_WINDOWS = ['1m', '5m', '1h'] as const;
export type TrafficWindow = (typeof TRAFFIC_WINDOWS)[number];

/** One group of Istio series: a destination service's workload and version. */
export interface SeriesKey {
  /** `destination_service`: the host as Envoy's cluster names it (`catalog.shop.svc.cluster.local`). */
  service: string;
  /** `destination_service_namespace`. */
  namespace: string;
  /** `destination_workload`. */
  workload: string;
  /** `destination_version`. */
  version: string;
  /** `source_workload` and `source_workload_namespace`: a gateway's proxy or a sidecar's workload. */
  sourceWorkload: string;
  sourceNamespace: string;
}

/** What Prometheus said about one group over the window. */
export interface TrafficSample extends SeriesKey {
  /** Requests per second. */
  rps: number;
  /** Of them, answered with a 5xx. */
  errorRps: number;
  /** Median and 99th percentile latency, ms (absent: no request in the window). */
  p50?: number;
  p99?: number;
  /** TCP: bytes sent per second and connections opened per second. */
  tcpBytes?: number;
  tcpConnections?: number;
  /** Requests per second by Envoy response flag (UH, UO, URX …), those with one only. */
  flags?: Record<string, number>;
}

/** Whether Weir can show traffic, and how fresh it is. */
export type TrafficStatus =
  | { state: 'off' }
  | { state: 'live'; at: string }
  | { state: 'stale'; at?: string; since: string; reason: string };

/** What the server pushes (`event: traffic`) and answers (GET /api/traffic): per window. */
export interface TrafficReport {
  status: TrafficStatus;
  /** The refresh interval, seconds. */
  intervalSeconds: number;
  windows: Partial<Record<TrafficWindow, TrafficSample[]>>;
  /** Per window: read from Weir's recorded series, or from Istio's raw ones (no recording rules). */
  sources?: Partial<Record<TrafficWindow, 'recorded' | 'raw'>>;
}

/** Traffic on one route → destination edge. */
export interface EdgeTraffic {
  rps: number;
  /** Share of the route's measured traffic, 0..1: requests on an HTTP route; connections opened on a TCP or TLS one (bytes sent when none opened). Absent: the route had none. */
  share?: number;
  /** Non-5xx share, 0..1 (absent: no request). */
  success?: number;
  p50?: number;
  p99?: number;
  /** TCP: bytes sent back per second, and connections opened per second (absent: no TCP series). */
  tcpBytes?: number;
  tcpConnections?: number;
  /** Requests per second by Envoy response flag, when some had one. */
  flags?: Record<string, number>;
  /** In the browser, after a weight move: the new weight (%) the measured share has yet to reach. */
  convergingOn?: number;
}

/** True when `value` is one of the windows Weir offers. */
export function isTrafficWindow(value: unknown): value is TrafficWindow {
  return typeof value === 'string' && (TRAFFIC_WINDOWS as readonly string[]).includes(value);
}
