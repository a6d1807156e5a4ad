import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getFindings } from '@/app/api/findings/route';
import type { FindingsAnswer } from '@/lib/api/graph';
import {
  istioSeries,
  type LoopbackPrometheus,
  startLoopbackPrometheus,
} from '@/tools/test/loopback-prometheus';
import type { Kind } from '../../mesh/types';
import { GROUP_LABELS } from '../../traffic/promql';
import type { TrafficReport } from '../../traffic/types';
import { useDemoFolder } from '../attack/attack-kit';
import type { Viewer } from '../auth/viewer';
import type { Visibility } from '../auth/visibility';
import { eventsResponse } from '../event-stream';
import { findingsOf } from '../findings';
import { getStore } from '../store';
import { createTrafficMonitor, type TrafficMonitor } from './traffic-monitor';

// Where the monitor's figures go: each event stream gets only what its person may see and its
// view holds, and /api/findings carries the traffic findings. The demo mesh is served from a
// folder; Prometheus is a loopback server answering Istio-shaped series for three namespaces
// (the real Prometheus is exercised in tools/traffic/traffic.int.test.ts and e2e/traffic.spec.ts).

const series = istioSeries;
const CATALOG_V1 = series('catalog', 'shop', 'catalog-v1', 'v1');
const CATALOG_V2 = series('catalog', 'shop', 'catalog-v2', 'v2');
const PAYMENTS = series('payments', 'payments', 'payments', 'latest');
const LEGACY = series('inventory', 'legacy', 'inventory', 'latest');

// catalog v2 fails half of its requests, Envoy flagging them UO (a circuit breaker).
function answerFor(query: string): Array<{ metric: Record<string, string>; value: [number, string] }> {
  const at = (metric: Record<string, string>, value: number) => ({
    metric: { __name__: query, ...metric },
    value: [Date.now() / 1000, String(value)] as [number, string],
  });
  if (query.includes('5xx')) return [at(CATALOG_V2, 0.5)];
  if (query.includes('flagged')) return [at({ ...CATALOG_V2, response_flags: 'UO' }, 0.5)];
  if (query.includes('tcp')) return [];
  if (query.includes('duration')) return [CATALOG_V1, CATALOG_V2, PAYMENTS, LEGACY].map((m) => at(m, 40));
  return [at(CATALOG_V1, 9), at(CATALOG_V2, 1), at(PAYMENTS, 3), at(LEGACY, 2)];
}

// Services and Pods in shop only: the answers an access review would give (the reviews
// themselves are tested against the API server in lib/server/auth).
const shopOnly: Visibility = {
  restricted: true,
  sees: async (key) => key.split('/')[1] === 'shop',
  mayList: async (kind: Kind, namespace: string) =>
    (kind === 'Service' || kind === 'Pod') && namespace === 'shop',
  mayReadMeshConfig: async () => false,
};
const everyone: Visibility = {
  restricted: false,
  sees: async () => true,
  mayList: async () => true,
  mayReadMeshConfig: async () => true,
};

/** The first `count` traffic events a stream sends. */
async function trafficEvents(response: Response, count: number): Promise<TrafficReport[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const reports: TrafficReport[] = [];
  let text = '';
  try {
    while (reports.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let end = text.indexOf('\n\n');
      while (end >= 0) {
        const message = text.slice(0, end);
        text = text.slice(end + 2);
        if (message.startsWith('event: traffic\n'))
          reports.push(JSON.parse(message.slice(message.indexOf('data: ') + 6)) as TrafficReport);
        end = text.indexOf('\n\n');
      }
    }
  } finally {
    await reader.cancel();
  }
  return reports;
}

const namespacesIn = (report: TrafficReport) =>
  new Set(Object.values(report.windows).flatMap((samples) => (samples ?? []).map((s) => s.namespace)));

describe('live traffic, delivered per person and per view', () => {
  let demo: Awaited<ReturnType<typeof useDemoFolder>>;
  let prometheus: LoopbackPrometheus;
  let monitor: TrafficMonitor;
  const holder = globalThis as { __weirTraffic?: TrafficMonitor | null };

  beforeAll(async () => {
    demo = await useDemoFolder();
    prometheus = await startLoopbackPrometheus((query) => ({
      data: { resultType: 'vector', result: answerFor(query) },
    }));
    const url = new URL(prometheus.url);
    monitor = createTrafficMonitor({ url, refreshSeconds: 1 });
    holder.__weirTraffic = monitor;
    await monitor.refresh();
  });
  afterAll(async () => {
    monitor.stop();
    holder.__weirTraffic = undefined;
    await prometheus.stop();
    await demo.cleanup();
  });

  const viewer = async (visibility: Visibility): Promise<Viewer> => {
    const handle = await getStore();
    return {
      handle,
      session: {} as Viewer['session'],
      visibility,
      snapshot: async (namespaces) => {
        const { visibleSnapshot } = await import('../auth/visibility');
        return visibleSnapshot(visibility, handle.store.snapshot(namespaces));
      },
    };
  };
  const stream = async (visibility: Visibility, namespaces: string[]) => {
    const abort = new AbortController();
    const response = eventsResponse(
      await viewer(visibility),
      new Request('http://weir.test/api/events', { signal: abort.signal }),
      namespaces,
    );
    try {
      return await trafficEvents(response, 3);
    } finally {
      abort.abort();
    }
  };

  it("reads the recorded series (Weir's recording rules) when Prometheus has them", () => {
    expect(prometheus.queries.some((q) => q.startsWith('weir:istio_requests:rate1m'))).toBe(true);
    expect(monitor.report().sources).toEqual({ '1m': 'recorded' });
    expect(GROUP_LABELS.every((label) => label in CATALOG_V1)).toBe(true);
  });

  it("never sends a restricted person's stream the traffic of namespaces they may not see", async () => {
    const reports = await stream(shopOnly, []);
    expect(reports).toHaveLength(3);
    for (const report of reports) expect([...namespacesIn(report)]).toEqual(['shop']);
  }, 20_000);

  it("sends a view's stream only the namespaces the view holds", async () => {
    const reports = await stream(everyone, ['payments']);
    expect(reports).toHaveLength(3);
    for (const report of reports) {
      expect(namespacesIn(report).has('payments')).toBe(true);
      expect(namespacesIn(report).has('legacy')).toBe(false);
      expect(namespacesIn(report).has('shop')).toBe(false);
    }
    // The whole mesh's stream gets every namespace.
    const [whole] = await stream(everyone, []);
    expect(namespacesIn(whole as TrafficReport)).toEqual(new Set(['shop', 'payments', 'legacy']));
  }, 20_000);

  it('serves the traffic findings in /api/findings, with the cause the response flags name', async () => {
    const response = await getFindings(new Request('http://weir.test/api/findings?namespace=shop'));
    expect(response.status).toBe(200);
    const { findings } = (await response.json()) as FindingsAnswer;
    const failing = findings.find((f) => f.code === 'TRAFFIC_ERROR_RATE');
    expect(failing).toMatchObject({ severity: 'error', ref: { namespace: 'shop', name: 'catalog' } });
    expect(failing?.message).toMatch(/^catalog subset v2 answered 50% .* UO on 50% \(upstream overflow/);
  });

  it('gives a person no traffic finding on what they may not see', async () => {
    const hidden: Visibility = {
      restricted: true,
      sees: async () => true,
      mayList: async () => false,
      mayReadMeshConfig: async () => false,
    };
    const { findings } = await findingsOf(await viewer(hidden), ['shop']);
    expect(findings.filter((f) => f.code.startsWith('TRAFFIC_'))).toEqual([]);
    const { findings: shop } = await findingsOf(await viewer(shopOnly), ['shop']);
    expect(shop.some((f) => f.code === 'TRAFFIC_ERROR_RATE')).toBe(true);
  });
});
