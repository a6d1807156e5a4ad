// What one refresh of live traffic costs, per mesh: Prometheus's time to answer Weir's five
// grouped queries (wall time, as the monitor sends them: in parallel), Weir's server time to
// read the answers into samples, and the time to map them onto the graph's weight edges and
// find traffic problems (lib/traffic, run in the browser). A real Prometheus (Debian's,
// tools/prometheus) scrapes tools/traffic routing requests over each mesh. One JSON line per
// mesh and figure, min and median over RUNS, with the load average. Prints figures only:
//   npx tsx --conditions=react-server bench/traffic.ts [scale-size ...]
// (default: the demo and the generated mesh at 667 VirtualServices, i.e. 2,001 weight edges)

import { loadavg } from 'node:os';
import { buildGraph } from '../lib/graph/build-graph';
import { indexSnapshot } from '../lib/graph/index-snapshot';
import type { MeshSnapshot } from '../lib/mesh/types';
import { instantQuery } from '../lib/server/traffic/prometheus-query';
import { edgeTraffic } from '../lib/traffic/edge-traffic';
import { type QueryName, trafficQueries } from '../lib/traffic/promql';
import { trafficFindings } from '../lib/traffic/traffic-findings';
import { mergeSamples, readVector, type VectorPoint } from '../lib/traffic/vector-result';
import { startPrometheus } from '../tools/prometheus/prometheus';
import { startTrafficSource } from '../tools/traffic/traffic-source';
import { demoSnapshot, scaleSnapshot } from './support/snapshots';

const RUNS = Number(process.env.RUNS ?? 9);
const PORT = Number(process.env.TRAFFIC_BENCH_PORT ?? 3468);
const sizes = process.argv.slice(2).map(Number);

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { min: round(sorted[0] ?? 0), median: round(sorted[Math.floor(sorted.length / 2)] ?? 0) };
}

async function bench(mesh: string, snapshot: MeshSnapshot): Promise<void> {
  const source = await startTrafficSource({
    snapshot: () => snapshot,
    port: PORT + 1,
    settings: { requestsPerSecond: 2, defaults: { errorRate: 0.01, latencyMs: 40 }, behaviours: {} },
    tickMs: 500,
  });
  // Every 5 s: rendering a large mesh's /metrics can take longer than a second on a busy machine.
  const prometheus = await startPrometheus({
    port: PORT,
    targets: [`127.0.0.1:${PORT + 1}`],
    scrapeSeconds: 5,
  });
  try {
    const config = { url: new URL(prometheus.url), refreshSeconds: 15 };
    const queries = Object.entries(trafficQueries('1m')) as Array<[QueryName, string]>;
    const ask = () =>
      Promise.all(queries.map(async ([name, q]) => [name, await instantQuery(config, q, 10_000)] as const));
    // Rates need two scrapes of every series; wait until the requests query sees them all.
    const deadline = Date.now() + 120_000;
    let answers = await ask();
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const next = await ask();
      const count = (a: typeof answers) => readVector(a[0]?.[1]).length;
      const settled = count(next) > 0 && count(next) === count(answers);
      answers = next;
      if (settled) break;
    }
    const graph = buildGraph(snapshot);
    const index = indexSnapshot(snapshot);
    const weightEdges = graph.edges.filter((edge) => edge.kind === 'weight').length;
    const prometheusMs: number[] = [];
    const serverMs: number[] = [];
    const browserMs: number[] = [];
    let samples = 0;
    let series = 0;
    for (let run = 0; run < RUNS; run++) {
      let start = performance.now();
      answers = await ask();
      prometheusMs.push(performance.now() - start);
      start = performance.now();
      const points = Object.fromEntries(answers.map(([name, body]) => [name, readVector(body)])) as Record<
        QueryName,
        VectorPoint[]
      >;
      const merged = mergeSamples(points);
      serverMs.push(performance.now() - start);
      start = performance.now();
      const traffic = edgeTraffic(index, graph.edges, merged);
      trafficFindings(graph.edges, traffic, '1m');
      browserMs.push(performance.now() - start);
      samples = merged.length;
      series = Object.values(points).reduce((sum, list) => sum + list.length, 0);
    }
    const base = {
      bench: 'traffic',
      mesh,
      weightEdges,
      samples,
      series,
      queries: queries.length,
      runs: RUNS,
    };
    const load = loadavg().map((value) => Math.round(value * 100) / 100);
    console.log(JSON.stringify({ ...base, figure: 'prometheus-ms', ...summary(prometheusMs), load }));
    console.log(JSON.stringify({ ...base, figure: 'weir-server-ms', ...summary(serverMs), load }));
    console.log(JSON.stringify({ ...base, figure: 'weir-edges-ms', ...summary(browserMs), load }));
  } finally {
    await prometheus.stop();
    await source.stop();
  }
}

await bench('demo', demoSnapshot());
for (const size of sizes.length > 0 ? sizes : [667]) await bench(`scale-${size}`, scaleSnapshot(size));
