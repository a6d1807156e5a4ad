import { isTrafficWindow, TRAFFIC_WINDOWS, type TrafficWindow } from './types';

// Every query Weir sends is built here, from constants and a window taken from a fixed list:
// no label value, name or number from a request, an object or Prometheus ever reaches PromQL.
// The queries are grouped by destination, never one per edge: seven per window and refresh,
// however large the mesh. Each has two forms: the raw expression over Istio's series, and the
// series a recording rule (recordingRules below, shipped by the chart) keeps of it — reading a
// recorded series costs Prometheus a lookup, not a rate and a quantile over every raw series.

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

export type QueryName = 'requests' | 'errors' | 'flags' | 'p50' | 'p99' | 'tcpBytes' | 'tcpConnections';
export const QUERY_NAMES: readonly QueryName[] = [
  'requests',
  'errors',
  'flags',
  'p50',
  'p99',
  'tcpBytes',
  'tcpConnections',
];

/** The raw expression of each query over Istio's own series. */
function rawExpressions(window: TrafficWindow): Record<QueryName, string> {
  const latency = (q: number) =>
    `histogram_quantile(${q}, sum by (${BY}, le) (rate(istio_request_duration_milliseconds_bucket{${SOURCE}}[${window}])))`;
  return {
    requests: `sum by (${BY}) (rate(istio_requests_total{${SOURCE}}[${window}]))`,
    errors: `sum by (${BY}) (rate(istio_requests_total{${SOURCE},response_code=~"5.."}[${window}]))`,
    // Envoy's response flags (UH, UO, URX, NR …) say why a request failed; "-" is none, and
    // leaving it out keeps this query to the few groups that had trouble.
    flags: `sum by (${BY}, response_flags) (rate(istio_requests_total{${SOURCE},response_flags!="-"}[${window}]))`,
    p50: latency(0.5),
    p99: latency(0.99),
    tcpBytes: `sum by (${BY}) (rate(istio_tcp_sent_bytes_total{${SOURCE}}[${window}]))`,
    tcpConnections: `sum by (${BY}) (rate(istio_tcp_connections_opened_total{${SOURCE}}[${window}]))`,
  };
}

/** The name of the series a recording rule keeps of one query (Prometheus's level:metric:operation). */
export function recordedName(name: QueryName, window: TrafficWindow): string {
  if (!isTrafficWindow(window)) throw new Error(`not a traffic window: ${String(window)}`);
  const names: Record<QueryName, string> = {
    requests: `weir:istio_requests:rate${window}`,
    errors: `weir:istio_requests_5xx:rate${window}`,
    flags: `weir:istio_requests_flagged:rate${window}`,
    p50: `weir:istio_request_duration_milliseconds:p50_${window}`,
    p99: `weir:istio_request_duration_milliseconds:p99_${window}`,
    tcpBytes: `weir:istio_tcp_sent_bytes:rate${window}`,
    tcpConnections: `weir:istio_tcp_connections_opened:rate${window}`,
  };
  return names[name];
}

/** Where a window's figures come from: Weir's recorded series, or Istio's raw ones. */
export type QuerySource = 'recorded' | 'raw';

/** The PromQL for one window, by what each answers. */
export function trafficQueries(
  window: TrafficWindow,
  source: QuerySource = 'raw',
): Record<QueryName, string> {
  if (!isTrafficWindow(window)) throw new Error(`not a traffic window: ${String(window)}`);
  if (source === 'raw') return rawExpressions(window);
  return Object.fromEntries(QUERY_NAMES.map((name) => [name, recordedName(name, window)])) as Record<
    QueryName,
    string
  >;
}

/**
 * The scrape interval the shipped rule file is made for (s): Istio's own Prometheus setup and
 * most meshes scrape every 15 s, and the chart's refreshSeconds defaults to the same.
 */
export const RULES_SCRAPE_SECONDS = 15;

/** The slowest scrape the rules serve: the 1m window must hold two samples for a rate. */
export const MAX_RULES_SCRAPE_SECONDS = 30;

/**
 * How often each window's rule group is evaluated (s), for a Prometheus scraping every
 * `scrapeSeconds`. A group without an interval runs at Prometheus's global
 * evaluation_interval (1m unless set), so the live 1m figures would lag a minute on top of
 * their window. The 1m group feeds the live figures and the share history: evaluated on every
 * scrape, it is never more than one scrape behind. The 5m and 1h windows move slowly: every
 * 30 s and every minute keep them within a tenth and a sixtieth of their window at far less
 * cost. None runs more often than samples arrive. A scrape slower than every 30 s is refused:
 * a 1m rate needs two samples in its minute, and would be empty.
 */
export function ruleIntervals(scrapeSeconds: number = RULES_SCRAPE_SECONDS): Record<TrafficWindow, number> {
  if (!Number.isInteger(scrapeSeconds) || scrapeSeconds < 1)
    throw new Error(`not a scrape interval: ${String(scrapeSeconds)} s (a whole number of seconds, 1 to 30)`);
  if (scrapeSeconds > MAX_RULES_SCRAPE_SECONDS)
    throw new Error(
      `scrape interval ${scrapeSeconds} s is above ${MAX_RULES_SCRAPE_SECONDS} s: a 1m rate needs two samples in its minute`,
    );
  return { '1m': scrapeSeconds, '5m': Math.max(scrapeSeconds, 30), '1h': Math.max(scrapeSeconds, 60) };
}

/** A number of seconds as Prometheus writes a duration (`15s`, `1m`). */
function duration(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

/** One Prometheus recording rule. */
export interface RecordingRule {
  record: string;
  expr: string;
}

/**
 * Prometheus recording rules that keep each query's answer as a series of its own, for every
 * window Weir offers (README "Live traffic": the chart ships them, made for a 15 s scrape;
 * tools/prometheus loads them made for its own). With them, a refresh reads a few thousand
 * recorded series instead of evaluating rates and quantiles over every raw one.
 */
export function recordingRules(scrapeSeconds: number = RULES_SCRAPE_SECONDS): {
  groups: Array<{ name: string; interval: string; rules: RecordingRule[] }>;
} {
  const intervals = ruleIntervals(scrapeSeconds);
  return {
    groups: TRAFFIC_WINDOWS.map((window) => ({
      name: `weir-traffic-${window}`,
      interval: duration(intervals[window]),
      rules: QUERY_NAMES.map((name) => ({
        record: recordedName(name, window),
        expr: rawExpressions(window)[name],
      })),
    })),
  };
}

/** The longest period a report measures (Prometheus rarely keeps more). */
export const MAX_PERIOD_SECONDS = 90 * 24 * 3600;
/** The shortest: a rate needs two scrapes in its range. */
export const MIN_PERIOD_SECONDS = 60;

/** What an auditor's report measures over its period: HTTP/gRPC requests and TCP traffic. */
export type PeriodQueryName = 'requests' | 'errors' | 'tcpBytes' | 'tcpConnections';

/**
 * The mean request, 5xx, TCP bytes-sent and TCP connection rates over a period of `seconds`
 * ending at the query's time (an auditor's report), from the raw counters' rate over it. Not
 * from the recorded 5m rates: averaging those over the period counts only the time each
 * series existed, so a canary added late in the period looked about three times its share. A
 * TCP route's edges have no requests: their share is of the connections opened (the bytes sent
 * when none opened), as the live edges'.
 * The period reaches PromQL as a whole number of seconds within bounds, nothing else.
 */
export function periodQueries(seconds: number): Record<PeriodQueryName, string> {
  if (!Number.isInteger(seconds) || seconds < MIN_PERIOD_SECONDS || seconds > MAX_PERIOD_SECONDS)
    throw new Error(`not a report period: ${String(seconds)} s`);
  const range = `[${seconds}s]`;
  return {
    requests: `sum by (${BY}) (rate(istio_requests_total{${SOURCE}}${range}))`,
    errors: `sum by (${BY}) (rate(istio_requests_total{${SOURCE},response_code=~"5.."}${range}))`,
    tcpBytes: `sum by (${BY}) (rate(istio_tcp_sent_bytes_total{${SOURCE}}${range}))`,
    tcpConnections: `sum by (${BY}) (rate(istio_tcp_connections_opened_total{${SOURCE}}${range}))`,
  };
}

/** A DNS name as Kubernetes and Istio write hosts: the only label value that reaches a query. */
const HOST = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Whether `host` may stand in a query (a lower-case DNS name: no quote, backslash or brace). */
export function isQueryableHost(host: string): boolean {
  return HOST.test(host);
}

/** The most hosts one history query names (a route's destinations). */
export const MAX_HISTORY_HOSTS = 10;

/**
 * The request rate (1m) of some hosts' destination groups, for a range query (a sparkline of
 * the measured share): recorded, or the raw expression. Each host is checked to be a DNS name.
 */
export function historyQuery(hosts: readonly string[], source: QuerySource): string {
  if (hosts.length === 0 || hosts.length > MAX_HISTORY_HOSTS || !hosts.every(isQueryableHost))
    throw new Error('history: hosts are 1 to 10 DNS names');
  return hosts
    .map((host) =>
      source === 'recorded'
        ? `${recordedName('requests', '1m')}{destination_service="${host}"}`
        : `sum by (${BY}) (rate(istio_requests_total{${SOURCE},destination_service="${host}"}[1m]))`,
    )
    .join(' or ');
}
