import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  istioSeries,
  type LoopbackPrometheus,
  startLoopbackPrometheus,
} from '@/tools/test/loopback-prometheus';
import { buildGraph } from '../../graph/build-graph';
import { snapshotFromYaml } from '../../validate/yaml-fixtures';
import type { Visibility } from '../auth/visibility';
import { measuredSplit } from './period-traffic';

// What a report's measured split does when some of Prometheus's answers fail. Prometheus is a
// loopback server answering the demo's catalog canary (the real one is exercised in
// tools/traffic/traffic.int.test.ts).

const demoDir = join(__dirname, '../../../demo/mesh');
const demo = snapshotFromYaml(
  readdirSync(demoDir).map((file) => ({ file, text: readFileSync(join(demoDir, file), 'utf8') })),
);
const edges = buildGraph(demo).edges;
const everyone: Visibility = {
  restricted: false,
  sees: async () => true,
  mayList: async () => true,
  mayReadMeshConfig: async () => true,
};
const V1 = istioSeries('catalog', 'shop', 'catalog-v1', 'v1', { workload: 'frontend', namespace: 'shop' });
const V2 = istioSeries('catalog', 'shop', 'catalog-v2', 'v2', { workload: 'frontend', namespace: 'shop' });
const vector = (points: Array<[Record<string, string>, number]>) => ({
  data: {
    resultType: 'vector',
    result: points.map(([metric, value]) => ({ metric, value: [Date.now() / 1000, String(value)] })),
  },
});

describe('measuredSplit when Prometheus answers some queries only', () => {
  let prometheus: LoopbackPrometheus;
  let failing: RegExp;
  const saved = process.env.WEIR_PROMETHEUS_URL;
  beforeEach(async () => {
    prometheus = await startLoopbackPrometheus((query) => {
      if (failing.test(query)) return { raw: 'query timed out', status: 503 };
      if (query.includes('istio_tcp')) return vector([]);
      if (query.includes('5..')) return vector([[V2, 0.1]]);
      return vector([
        [V1, 9],
        [V2, 1],
      ]);
    });
    process.env.WEIR_PROMETHEUS_URL = prometheus.url;
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.WEIR_PROMETHEUS_URL;
    else process.env.WEIR_PROMETHEUS_URL = saved;
    await prometheus.stop();
  });

  it('keeps the HTTP split when a TCP query fails, and names the TCP figures missing', async () => {
    failing = /istio_tcp_sent_bytes_total/;
    const split = await measuredSplit(everyone, demo, edges, {});
    expect(split?.unavailable).toBeUndefined();
    expect(split?.missing).toEqual([expect.stringMatching(/^TCP bytes sent \(.*503/)]);
    const v2 = split?.edges.find((e) => e.name === 'catalog' && e.subset === 'v2');
    expect(v2).toMatchObject({ rps: 1, share: 0.1, success: 0.9 });
  });

  it('says the section is unavailable when the requests cannot be read', async () => {
    failing = /response_code=~"5\.\."/;
    const split = await measuredSplit(everyone, demo, edges, {});
    expect(split?.unavailable).toMatch(/503/);
    expect(split?.edges).toEqual([]);
  });

  it('names nothing missing when every query answers', async () => {
    failing = /^$/;
    const split = await measuredSplit(everyone, demo, edges, {});
    expect(split).not.toHaveProperty('missing');
    expect(split?.edges.find((e) => e.name === 'catalog' && e.subset === 'v1')?.share).toBeCloseTo(0.9, 10);
  });
});
