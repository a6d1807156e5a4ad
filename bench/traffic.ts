// What one refresh of live traffic costs, per mesh and per source (Istio's raw series, or
// the series Weir's recording rules keep — tools/prometheus loads them): Prometheus's time to
// answer Weir's seven grouped queries (wall time, as the monitor sends them: in parallel; and
// its own account, stats=all, summed over the seven: evaluation, queue, preparation, sort,
// total), whether that median is under 200 ms at 2,000 weight edges, Weir's server time to read the answers into
// samples, the time to map them onto the graph's weight edges and find traffic problems
// (lib/traffic, run in the browser), and their sum in wall and CPU time (on a shared machine
// the wall clock also counts others' work). A real Prometheus (Debian's, tools/prometheus)
// scrapes tools/traffic routing requests over each mesh. One JSON line per
// mesh and figure, min and median over RUNS, with the load average. Prints figures only:
//   npx tsx --conditions=react-server bench/traffic.ts [scale-size ...]
// (default: the demo and the generated mesh at 667 VirtualServices, i.e. 2,001 weight edges)

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { buildGraph } from '../lib/graph/build-graph';
import { indexSnapshot } from '../lib/graph/index-snapshot';
import type { MeshSnapshot } from '../lib/mesh/types';
import { instantQuery } from '../lib/server/traffic/prometheus-query';
import { edgeTraffic } from '../lib/traffic/edge-traffic';
import { QUERY_NAMES, type QueryName, type QuerySource, trafficQueries } from '../lib/traffic/promql';
import { trafficFindings } from '../lib/traffic/traffic-findings';
import { mergeSamples, readVector, type VectorPoint } from '../lib/traffic/vector-result';
import { startPrometheus } from '../tools/prometheus/prometheus';
import { scaleManifests } from './support/scale-mesh';
import { demoSnapshot, scaleSnapshot } from './support/snapshots';

const RUNS = Number(process.env.RUNS ?? 9);
const PORT = Number(process.env.TRAFFIC_BENCH_PORT ?? 3468);
const sizes = process.argv.slice(2).map(Number);

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { min: round(sorted[0] ?? 0), median: round(sorted[Math.floor(sorted.length / 2)] ?? 0) };
}

// tools/traffic in its own process (npm run traffic's), so that rendering a large /metrics for
// a scrape never stalls the clock of this one.
async function startSource(folder: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.resolve('node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'tools/traffic/cli.ts'],
    {
      env: {
        ...process.env,
        WEIR_MANIFESTS: folder,
        TRAFFIC_PORT: String(PORT + 1),
        TRAFFIC_PROMETHEUS: 'false',
      },
      stdio: 'ignore',
    },
  );
  const settings = { requestsPerSecond: 2, defaults: { errorRate: 0.01, latencyMs: 40 }, behaviours: {} };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const answer = await fetch(`http://127.0.0.1:${PORT + 1}/settings`, {
        method: 'PUT',
        body: JSON.stringify(settings),
      });
      if (answer.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill();
  throw new Error('tools/traffic did not start');
}

// Prometheus's own account of one query (stats=all), seconds → ms: where its time goes —
// waiting for a query slot, preparing (selecting the series), evaluating, sorting, and all of
// it (execTotal). The wall time less execTotal is the answer's JSON encoding and transfer.
const STAGES = [
  'execQueueTime',
  'queryPreparationTime',
  'innerEvalTime',
  'resultSortTime',
  'execTotalTime',
] as const;
type Stage = (typeof STAGES)[number];
async function queryStats(url: string, query: string): Promise<Record<Stage | 'evalTotalTime', number>> {
  const body = new URLSearchParams({ query, stats: 'all' });
  const answer = (await (await fetch(`${url}/api/v1/query`, { method: 'POST', body })).json()) as {
    data?: { stats?: { timings?: Partial<Record<Stage | 'evalTotalTime', number>> } };
  };
  const timings = answer.data?.stats?.timings ?? {};
  return Object.fromEntries(
    [...STAGES, 'evalTotalTime'].map((stage) => [stage, (timings[stage as Stage] ?? Number.NaN) * 1000]),
  ) as Record<Stage | 'evalTotalTime', number>;
}

/** The question the bench answers for the lead: at 2,000 weight edges, is Prometheus's median under this? */
const PROMETHEUS_BUDGET_MS = 200;

async function bench(mesh: string, snapshot: MeshSnapshot, folder: string): Promise<void> {
  const source = await startSource(folder);
  // Every 5 s: rendering a large mesh's /metrics can take longer than a second on a busy machine.
  const prometheus = await startPrometheus({
    port: PORT,
    targets: [`127.0.0.1:${PORT + 1}`],
    scrapeSeconds: 5,
  });
  try {
    const config = { url: new URL(prometheus.url), refreshSeconds: 15 };
    const ask = (source: QuerySource) => {
      const queries = trafficQueries('1m', source);
      return Promise.all(
        QUERY_NAMES.map(async (name) => [name, await instantQuery(config, queries[name], 60_000)] as const),
      );
    };
    // Rates need two scrapes of every series, and recorded series a rule evaluation after
    // them; wait until both forms see the same groups.
    const count = (a: Awaited<ReturnType<typeof ask>>) => readVector(a[0]?.[1]).length;
    const deadline = Date.now() + 180_000;
    let previous = -1;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const raw = count(await ask('raw'));
      const recorded = count(await ask('recorded'));
      if (raw > 0 && raw === previous && recorded === raw) break;
      previous = raw;
    }
    const graph = buildGraph(snapshot);
    const index = indexSnapshot(snapshot);
    const weightEdges = graph.edges.filter((edge) => edge.kind === 'weight').length;
    const load = () => loadavg().map((value) => Math.round(value * 100) / 100);
    for (const source of ['raw', 'recorded'] as const) {
      const queries = trafficQueries('1m', source);
      const prometheusMs: number[] = [];
      const evalTotalMs: number[] = [];
      const stageMs = Object.fromEntries(STAGES.map((stage) => [stage, [] as number[]])) as Record<
        Stage,
        number[]
      >;
      const serverMs: number[] = [];
      const browserMs: number[] = [];
      const totalMs: number[] = [];
      const cpuMs: number[] = [];
      let samples = 0;
      let series = 0;
      for (let run = 0; run < RUNS; run++) {
        let start = performance.now();
        const answers = await ask(source);
        prometheusMs.push(performance.now() - start);
        const stats = await Promise.all(QUERY_NAMES.map((name) => queryStats(prometheus.url, queries[name])));
        evalTotalMs.push(stats.reduce((sum, s) => sum + s.evalTotalTime, 0));
        // Summed over the seven queries; the slowest query's execTotal bounds the parallel wall.
        for (const stage of STAGES) stageMs[stage].push(stats.reduce((sum, s) => sum + s[stage], 0));
        const cpu = process.cpuUsage();
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
        totalMs.push((serverMs.at(-1) ?? 0) + (browserMs.at(-1) ?? 0));
        const used = process.cpuUsage(cpu);
        cpuMs.push((used.user + used.system) / 1000);
        samples = merged.length;
        series = Object.values(points).reduce((sum, list) => sum + list.length, 0);
      }
      const base = {
        bench: 'traffic',
        mesh,
        source,
        weightEdges,
        samples,
        series,
        queries: QUERY_NAMES.length,
        runs: RUNS,
      };
      const line = (figure: string, times: number[]) =>
        console.log(JSON.stringify({ ...base, figure, ...summary(times), load: load() }));
      line('prometheus-wall-ms', prometheusMs);
      line('prometheus-eval-ms', evalTotalMs);
      for (const stage of STAGES) line(`prometheus-${stage}-ms`, stageMs[stage]);
      if (source === 'recorded') {
        // Where the time goes, one probe: the seven recorded series read by one selector
        // (one query's preparation, answer and parse instead of seven contending on the cores).
        const oneSelector = `{__name__=~"${Object.values(queries).join('|')}"}`;
        const oneMs: number[] = [];
        const oneStats: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          const start = performance.now();
          await instantQuery(config, oneSelector, 60_000);
          oneMs.push(performance.now() - start);
          oneStats.push((await queryStats(prometheus.url, oneSelector)).execTotalTime);
        }
        line('prometheus-wall-ms-one-selector', oneMs);
        line('prometheus-execTotalTime-ms-one-selector', oneStats);
      }
      // At 2,000 weight edges or more: is the median refresh's Prometheus wall time within budget?
      if (weightEdges >= 2000) {
        const median = summary(prometheusMs).median;
        console.log(
          JSON.stringify({
            ...base,
            figure: 'prometheus-wall-median-under-budget',
            budgetMs: PROMETHEUS_BUDGET_MS,
            medianMs: median,
            under: median < PROMETHEUS_BUDGET_MS,
            load: load(),
          }),
        );
      }
      line('weir-server-ms', serverMs);
      line('weir-edges-ms', browserMs);
      line('weir-total-ms', totalMs);
      // The same, as CPU time: on a shared machine the wall clock also counts others' work.
      line('weir-total-cpu-ms', cpuMs);
    }
  } finally {
    await prometheus.stop();
    source.kill();
  }
}

/** The generated mesh as one YAML file, for the traffic source's folder backend. */
function scaleFolder(size: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'weir-bench-traffic-'));
  const documents = scaleManifests(size)
    .flat()
    .map((manifest) => YAML.stringify(manifest));
  writeFileSync(path.join(folder, 'mesh.yaml'), documents.join('---\n'));
  return folder;
}

await bench('demo', demoSnapshot(), path.resolve('demo/mesh'));
for (const size of sizes.length > 0 ? sizes : [667]) {
  const folder = scaleFolder(size);
  try {
    await bench(`scale-${size}`, scaleSnapshot(size), folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
