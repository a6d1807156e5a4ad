import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../lib/graph/build-graph';
import { indexSnapshot } from '../../lib/graph/index-snapshot';
import { measuredSplit } from '../../lib/server/traffic/period-traffic';
import { createTrafficMonitor } from '../../lib/server/traffic/traffic-monitor';
import { createFilesStore } from '../../lib/store/files';
import type { MeshStore } from '../../lib/store/types';
import { edgeTraffic } from '../../lib/traffic/edge-traffic';
import { STOCK_TCP_ROUTE } from '../../lib/traffic/stock-tcp-fixture';
import type { TrafficReport } from '../../lib/traffic/types';
import { type LocalPrometheus, startPrometheus } from '../prometheus/prometheus';
import { until } from '../test/until';
import { startTrafficSource, type TrafficSource } from './traffic-source';

// The first port of the pair this test listens on (Prometheus, then the traffic source).
const PORT = Number(process.env.WEIR_TRAFFIC_TEST_PORT ?? 3468);
const V2 = 'weight:VirtualService/shop/catalog/http/0/1';

describe('tools/traffic scraped by a real Prometheus, read by Weir', () => {
  let folder: string;
  let store: MeshStore;
  let source: TrafficSource;
  let prometheus: LocalPrometheus;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'weir-traffic-'));
    await cp(join(__dirname, '../../demo/mesh'), folder, { recursive: true });
    await writeFile(join(folder, '70-stock-tcp.yaml'), STOCK_TCP_ROUTE);
    store = createFilesStore({ folder });
    await store.start();
    source = await startTrafficSource({ snapshot: () => store.snapshot(), port: PORT + 1 });
    prometheus = await startPrometheus({ port: PORT, targets: [`127.0.0.1:${PORT + 1}`] });
  });
  afterAll(async () => {
    await prometheus?.stop();
    await source?.stop();
    await store?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const measured = async (monitor: ReturnType<typeof createTrafficMonitor>) => {
    await monitor.refresh();
    const report = monitor.report();
    const snapshot = store.snapshot();
    const traffic = edgeTraffic(
      indexSnapshot(snapshot),
      buildGraph(snapshot).edges,
      report.windows['1m'] ?? [],
    );
    return { report, v2: traffic.get(V2) };
  };

  it('measures the catalog canary near its 10% weight, and v2 failing once told to', async () => {
    const monitor = createTrafficMonitor({ url: new URL(prometheus.url), refreshSeconds: 1 });
    try {
      // The first requests alone say little (one of the first fifty on v2 is 2 %): the
      // share is read once the window holds enough of them to settle near the weight.
      const first = await until(
        'catalog v2 measured near its 10% weight',
        async () => {
          const m = await measured(monitor);
          const share = m.v2?.share ?? 0;
          return share > 0.05 && share < 0.15 && m;
        },
        { timeoutMs: 45_000, intervalMs: 500 },
      );
      expect(first.report.status.state).toBe('live');
      expect(first.v2?.share).toBeGreaterThan(0.05);
      expect(first.v2?.share).toBeLessThan(0.15);
      expect(first.v2?.p99).toBeGreaterThan(0);

      source.setSettings({
        ...source.settings(),
        behaviours: { 'catalog.shop.svc.cluster.local/v2': { errorRate: 0.5, latencyMs: 300 } },
      });
      const failing = await until(
        'catalog v2 failing',
        async () => {
          const m = await measured(monitor);
          return (m.v2?.success ?? 1) < 0.9 && m;
        },
        { timeoutMs: 40_000, intervalMs: 500 },
      );
      expect(failing.v2?.p99).toBeGreaterThan(150);
    } finally {
      monitor.stop();
    }
  }, 90_000);

  it("reads Weir's recorded series once the rules have run, and the report's measured split over a period", async () => {
    const monitor = createTrafficMonitor({ url: new URL(prometheus.url), refreshSeconds: 1 });
    const saved = process.env.WEIR_PROMETHEUS_URL;
    process.env.WEIR_PROMETHEUS_URL = prometheus.url;
    try {
      // tools/prometheus loads the chart's rule file: the refresh reads the recorded series.
      await until(
        'the 1m window read from recorded series',
        async () => (await measured(monitor)).report.sources?.['1m'] === 'recorded',
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      const recorded = await measured(monitor);
      expect(recorded.v2?.rps).toBeGreaterThan(0);
      const everyone = {
        restricted: false,
        sees: async () => true,
        mayList: async () => true,
        mayReadMeshConfig: async () => true,
      };
      const snapshot = store.snapshot();
      const now = Date.now();
      const split = await measuredSplit(everyone, snapshot, buildGraph(snapshot).edges, {
        from: new Date(now - 120_000).toISOString(),
        to: new Date(now).toISOString(),
      });
      expect(split?.unavailable).toBeUndefined();
      expect(split?.to).toBe(new Date(now).toISOString());
      const v2 = split?.edges.find((e) => e.name === 'catalog' && e.subset === 'v2');
      expect(v2).toMatchObject({ namespace: 'shop', kind: 'http', index: 0, weight: 10 });
      expect(v2?.rps).toBeGreaterThan(0);
      expect(v2?.share).toBeGreaterThan(0.02);
      expect(v2?.share).toBeLessThan(0.3);
      // The TCP route: its edges have no requests, their split is of the connections opened (as live).
      const tcp = split?.edges.filter((e) => e.name === 'stock') ?? [];
      expect(tcp.map((e) => [e.kind, e.subset, e.weight])).toEqual([
        ['tcp', 'v1', 80],
        ['tcp', 'v2', 20],
      ]);
      for (const e of tcp) {
        expect(e.rps).toBe(0);
        expect(e.success).toBeUndefined();
        expect(e.tcpBytes).toBeGreaterThan(0);
        expect(e.tcpConnections).toBeGreaterThan(0);
      }
      const [stockV1, stockV2] = tcp;
      // v2's connections carry four times v1's bytes: by bytes v2 would have about half; its
      // share is of the connections opened, near its 20% weight.
      const perConnection = (e: typeof stockV1) => (e?.tcpBytes ?? 0) / (e?.tcpConnections ?? 1);
      expect(perConnection(stockV2)).toBeGreaterThan(2 * perConnection(stockV1));
      expect(stockV2?.share).toBeGreaterThan(0.1);
      expect(stockV2?.share).toBeLessThan(0.32);
      expect((stockV1?.share ?? 0) + (stockV2?.share ?? 0)).toBeCloseTo(1, 6);
      // A person who may see nothing gets no figures.
      const nobody = {
        restricted: true,
        sees: async () => false,
        mayList: async () => false,
        mayReadMeshConfig: async () => false,
      };
      const hidden = await measuredSplit(nobody, snapshot, buildGraph(snapshot).edges, {});
      expect(hidden?.edges.every((e) => e.rps === 0 && e.tcpBytes === undefined)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.WEIR_PROMETHEUS_URL;
      else process.env.WEIR_PROMETHEUS_URL = saved;
      monitor.stop();
    }
  }, 90_000);

  it('keeps the last figures, marked stale with the reason, while Prometheus is down; live again after', async () => {
    const monitor = createTrafficMonitor({ url: new URL(prometheus.url), refreshSeconds: 1 });
    try {
      const live = async () => (await measured(monitor)).report.status.state === 'live';
      await until('Prometheus answering', live, { timeoutMs: 20_000, intervalMs: 500 });
      await prometheus.stopPrometheus();
      // A refresh that was under way when it stopped ends with the connection cut: the next one is refused.
      await monitor.refresh();
      await monitor.refresh();
      const down: TrafficReport = monitor.report();
      expect(down.status).toMatchObject({ state: 'stale', reason: expect.stringMatching(/ECONNREFUSED/) });
      expect(down.windows['1m']?.length).toBeGreaterThan(0);
      await prometheus.startPrometheus();
      await until('Prometheus answering again', live, { timeoutMs: 30_000, intervalMs: 500 });
    } finally {
      monitor.stop();
    }
  }, 90_000);
});
