import 'server-only';
import { QUERY_NAMES, type QueryName, type QuerySource, trafficQueries } from '../../traffic/promql';
import type { TrafficReport, TrafficSample, TrafficStatus, TrafficWindow } from '../../traffic/types';
import { mergeSamples, readVector, type VectorPoint } from '../../traffic/vector-result';
import { type PrometheusConfig, readPrometheusConfig } from './prometheus-config';
import { instantQuery } from './prometheus-query';

/** A window nobody asked for in this long is no longer queried (1m always is). */
const WINDOW_IDLE_MS = 10 * 60_000;
/** The longest one refresh may take: a slow Prometheus makes the figures stale, never late. */
const MAX_QUERY_MS = 10_000;
/** A window found without recorded series is read raw for this long, then tried recorded again. */
const RECORDED_RETRY_MS = 60_000;

export interface TrafficMonitor {
  /** The latest figures (for `window`, asking keeps that window queried). */
  report(window?: TrafficWindow): TrafficReport;
  /** Called with each new report; returns the unsubscribe function. */
  subscribe(listener: (report: TrafficReport) => void): () => void;
  /** Refreshes now (tests, and the first ask for a window). */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Asks Prometheus for Istio's request, latency and TCP figures every `refreshSeconds`: seven
 * grouped queries per window in use, whatever the size of the mesh — of the series Weir's
 * recording rules keep when Prometheus has them, else the same expressions over the raw ones. One refresh at a time;
 * a failed or slow one keeps the last figures and marks them stale, with the reason.
 */
export function createTrafficMonitor(config: PrometheusConfig, now: () => number = Date.now): TrafficMonitor {
  const listeners = new Set<(report: TrafficReport) => void>();
  const asked = new Map<TrafficWindow, number>([['1m', Number.POSITIVE_INFINITY]]);
  const windows: TrafficReport['windows'] = {};
  const sources: NonNullable<TrafficReport['sources']> = {};
  const rawSince = new Map<TrafficWindow, number>();
  let status: TrafficStatus = {
    state: 'stale',
    since: new Date(now()).toISOString(),
    reason: 'not asked yet',
  };
  let running: Promise<void> | undefined;
  const timeoutMs = Math.min(config.refreshSeconds * 1000, MAX_QUERY_MS);

  const snapshot = (): TrafficReport => ({
    status,
    intervalSeconds: config.refreshSeconds,
    windows: { ...windows },
    sources: { ...sources },
  });

  const ask = async (window: TrafficWindow, source: QuerySource) => {
    const queries = trafficQueries(window, source);
    const answers = await Promise.all(
      QUERY_NAMES.map(async (name) => [
        name,
        readVector(await instantQuery(config, queries[name], timeoutMs)),
      ]),
    );
    return Object.fromEntries(answers) as Record<QueryName, VectorPoint[]>;
  };

  // Recorded series when Prometheus keeps them (an empty answer: no rules, or not evaluated
  // yet), else the raw expressions; a window read raw is tried recorded again now and then.
  const queryWindow = async (window: TrafficWindow): Promise<TrafficSample[]> => {
    const rawAt = rawSince.get(window);
    if (rawAt === undefined || now() - rawAt > RECORDED_RETRY_MS) {
      const recorded = await ask(window, 'recorded');
      if (recorded.requests.length > 0 || recorded.tcpBytes.length > 0) {
        rawSince.delete(window);
        sources[window] = 'recorded';
        return mergeSamples(recorded);
      }
      rawSince.set(window, now());
    }
    sources[window] = 'raw';
    return mergeSamples(await ask(window, 'raw'));
  };

  const refreshOnce = async () => {
    const at = now();
    for (const [window, last] of asked) if (at - last > WINDOW_IDLE_MS) asked.delete(window);
    for (const window of Object.keys(windows) as TrafficWindow[])
      if (!asked.has(window)) {
        delete windows[window];
        delete sources[window];
      }
    try {
      const results = await Promise.all(
        [...asked.keys()].map(async (w) => [w, await queryWindow(w)] as const),
      );
      for (const [window, samples] of results) windows[window] = samples;
      status = { state: 'live', at: new Date(now()).toISOString() };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const lastLive = status.state === 'live' ? status.at : status.state === 'stale' ? status.at : undefined;
      const since = status.state === 'stale' ? status.since : new Date(at).toISOString();
      status = { state: 'stale', since, reason, ...(lastLive && { at: lastLive }) };
    }
    const report = snapshot();
    for (const listener of listeners) listener(report);
  };

  const refresh = () => {
    running ??= refreshOnce().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => void refresh(), config.refreshSeconds * 1000);
  timer.unref?.();
  void refresh();

  return {
    report(window) {
      if (window && !asked.has(window)) {
        asked.set(window, now());
        void refresh();
      } else if (window && window !== '1m') asked.set(window, now());
      return snapshot();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    stop() {
      clearInterval(timer);
      listeners.clear();
    },
  };
}

// One monitor per server process; kept on globalThis so Next's dev reloads do not start another.
const holder = globalThis as { __weirTraffic?: TrafficMonitor | null };

/** The process's monitor, or undefined when WEIR_PROMETHEUS_URL is not set. */
export function trafficMonitor(): TrafficMonitor | undefined {
  if (holder.__weirTraffic === undefined) {
    const config = readPrometheusConfig();
    holder.__weirTraffic = config ? createTrafficMonitor(config) : null;
  }
  return holder.__weirTraffic ?? undefined;
}

/** What a person is told when Weir has no Prometheus. */
export const TRAFFIC_OFF: TrafficReport = { status: { state: 'off' }, intervalSeconds: 0, windows: {} };
