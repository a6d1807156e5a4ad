import 'server-only';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { openStreams } from './lifecycle';

/** How a write through Weir ended (`weir_writes_total{outcome}`). */
export type WriteOutcome =
  | 'applied'
  | 'rebased'
  | 'unchanged'
  | 'dry-run'
  | 'conflict'
  | 'refused'
  | 'forbidden'
  | 'failed';

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let lastSync: (() => string | undefined) | undefined;
  return {
    registry,
    setLastSync(read: () => string | undefined) {
      lastSync = read;
    },
    requests: new Histogram({
      name: 'weir_http_request_duration_seconds',
      help: 'HTTP requests by route (the route pattern, never the query), method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    sseClients: new Gauge({
      name: 'weir_sse_clients',
      help: 'Open event streams (/api/events).',
      registers,
      collect() {
        this.set(openStreams());
      },
    }),
    eventsDelivered: new Counter({
      name: 'weir_events_delivered_total',
      help: 'Store events sent to browsers over event streams.',
      registers,
    }),
    watchRestarts: new Counter({
      name: 'weir_watch_restarts_total',
      help: 'Watches started again after they failed or went silent past their deadline, by kind (not the planned renewals).',
      labelNames: ['kind'],
      registers,
    }),
    watchRelists: new Counter({
      name: 'weir_watch_relists_total',
      help: 'Full lists after the first (410 Gone, or a watch that could not resume), by kind.',
      labelNames: ['kind'],
      registers,
    }),
    sinceSync: new Gauge({
      name: 'weir_seconds_since_last_sync',
      help: 'Seconds since the watch cache was last known to be current (0 while synced).',
      registers,
      collect() {
        const at = lastSync?.();
        this.set(at === undefined ? 0 : Math.max(0, (Date.now() - Date.parse(at)) / 1000));
      },
    }),
    writes: new Counter({
      name: 'weir_writes_total',
      help: 'Writes through Weir by outcome: applied, rebased, unchanged, dry-run, conflict, refused (validation or input), forbidden, failed.',
      labelNames: ['outcome'],
      registers,
    }),
    validation: new Histogram({
      name: 'weir_validation_duration_seconds',
      help: 'Time to run the validation rules over the changed snapshot, per write.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    historyFailures: new Counter({
      name: 'weir_history_record_failures_total',
      help: 'Changes that could not be recorded in history (by Weir, or seen from outside).',
      labelNames: ['source'],
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;

// On globalThis: instrumentation.ts and the route handlers are bundled separately, and one
// process has one set of metrics.
const KEY = Symbol.for('weir.metrics');
function metrics(): Metrics {
  const holder = globalThis as { [KEY]?: Metrics };
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}

/** The Prometheus text exposition of everything below, and its content type. */
export async function renderMetrics(
  lastSync: () => string | undefined,
): Promise<{ text: string; contentType: string }> {
  const { registry, setLastSync } = metrics();
  setLastSync(lastSync);
  return { text: await registry.metrics(), contentType: registry.contentType };
}

export const observeRequest = (route: string, method: string, status: number, seconds: number) =>
  metrics().requests.observe({ route, method, status: String(status) }, seconds);
export const countEventDelivered = () => metrics().eventsDelivered.inc();
export const countWatchRestart = (kind: string) => metrics().watchRestarts.inc({ kind });
export const countWatchRelist = (kind: string) => metrics().watchRelists.inc({ kind });
export const countWrite = (outcome: WriteOutcome) => metrics().writes.inc({ outcome });
export const countHistoryFailure = (source: 'weir' | 'external') => metrics().historyFailures.inc({ source });

/** Runs the validation rules, timing them. */
export function timeValidation<T>(run: () => T): T {
  const end = metrics().validation.startTimer();
  try {
    return run();
  } finally {
    end();
  }
}
