// Time to first graph: opening the home page in a new browser context → the canary's weight
// label drawn, and the first HTML's arrival; whether "Loading the mesh…" was ever on screen.
// Prints JSON lines (min and median over RUNS runs after one warm-up, the load average).
// Run from the repository root after `npx next build`:
//   npx tsx --conditions=react-server bench/first-paint.ts            the demo, a folder (no cluster)
//   npx tsx --conditions=react-server bench/first-paint.ts cluster    the demo on the local API server
//   npx tsx --conditions=react-server bench/first-paint.ts scale 500  one namespace of bench/scale.ts's mesh
// Environment: RUNS (7), FIRST_PAINT_PORT (3330; the baseline on the next port), WEIR_DIST_DIR,
// SCALE_KUBECONFIG (scale: a cluster `bench/scale.ts <size> --hold` seeded, used as it is),
// FIRST_PAINT_BASELINE (another checkout with its own build: measured too, runs alternating;
// e.g. `git worktree add /tmp/before <commit>`, `cp -al node_modules`, `npx next build` there).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { loadKubeConfig } from '../lib/kube/kube-config';
import { type LocalCluster, startCluster } from '../tools/cluster/cluster';
import { seedDemo } from '../tools/cluster/seed';
import { chromiumLaunchOptions } from '../tools/test/chromium';
import { watchForText } from '../tools/test/text-watch';
import { startWeir, type WeirServer } from '../tools/test/weir-server';
import { seedScaleMesh, viewedNamespace } from './support/scale-mesh';
import { percentile } from './support/stack';

const backend = process.argv[2] ?? 'files';
const size = Number(process.argv[3] ?? 100);
if (!['files', 'cluster', 'scale'].includes(backend))
  throw new Error(`backend must be files, cluster or scale, not ${backend}`);
const RUNS = Number(process.env.RUNS ?? 7);
const port = Number(process.env.FIRST_PAINT_PORT ?? 3330);
const distDir = process.env.WEIR_DIST_DIR || '.next';
if (!existsSync(path.join(distDir, 'BUILD_ID'))) throw new Error(`run \`npx next build\` first (${distDir})`);
const LOADING = 'Loading the mesh';

// Another checkout built the same way (its own WEIR_DIST_DIR build): served beside this one and
// measured in alternate runs, so both builds see the same load on a shared machine.
const baseline = process.env.FIRST_PAINT_BASELINE;
if (baseline && !existsSync(path.join(baseline, distDir, 'BUILD_ID')))
  throw new Error(`no build in ${path.join(baseline, distDir)}: build the baseline checkout first`);

interface Build {
  name: 'this' | 'baseline';
  url: string;
  server: WeirServer;
  graph: number[];
  html: number[];
  loadingShown: number;
}

const { env, view, label, stop } = await openBackend();
const builds: Build[] = [];
let browser: Browser | undefined;
try {
  const names: Build['name'][] = baseline ? ['this', 'baseline'] : ['this'];
  for (const [index, name] of names.entries()) {
    const server = startWeir(
      port + index,
      { ...env, WEIR_DIST_DIR: distDir },
      { timeoutMs: 300_000, checkout: name === 'baseline' ? baseline : undefined },
    );
    builds.push({
      name,
      url: `http://127.0.0.1:${port + index}`,
      server,
      graph: [],
      html: [],
      loadingShown: 0,
    });
  }
  await Promise.all(builds.map((build) => build.server.ready));
  browser = await chromium.launch(chromiumLaunchOptions);
  for (let run = 0; run <= RUNS; run++) {
    for (const build of builds) {
      const measured = await firstGraph(browser, build.url);
      // The first run warms each server (its store opens, its code is compiled): not counted.
      if (run === 0) continue;
      build.graph.push(measured.drawn);
      build.html.push(measured.responseEnd);
      if (measured.saw) build.loadingShown += 1;
    }
  }
  for (const build of builds) {
    const where = { build: build.name, backend, view, ...(backend === 'scale' && { size }) };
    print('first-graph', build.graph, where);
    print('first-html-complete', build.html, where);
    console.log(
      JSON.stringify({
        bench: 'first-paint',
        figure: 'loading-shown',
        ...where,
        runs: RUNS,
        loadingShown: build.loadingShown,
      }),
    );
  }
} finally {
  await browser?.close();
  for (const build of builds) build.server.stop();
  await stop();
}

/** One visit in a new browser context: until the graph is drawn, the HTML's arrival, the Loading note seen. */
async function firstGraph(
  on: Browser,
  url: string,
): Promise<{ drawn: number; responseEnd: number; saw: boolean }> {
  const context = await on.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const sawLoading = await watchForText(page, LOADING);
    const opened = performance.now();
    await page.goto(`${url}${view}`);
    await page.getByTestId(label).waitFor({ timeout: 120_000 });
    const drawn = performance.now() - opened;
    const responseEnd = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
    );
    return { drawn, responseEnd, saw: await sawLoading() };
  } finally {
    await context.close();
  }
}

/** Where Weir reads from, the page to open, and the weight label that says the graph is drawn. */
async function openBackend(): Promise<{
  env: Record<string, string>;
  view: string;
  label: string;
  stop: () => Promise<void>;
}> {
  if (backend === 'files') {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'weir-first-paint-'));
    cpSync(path.join('demo', 'mesh'), folder, { recursive: true });
    return {
      env: { WEIR_MANIFESTS: folder },
      view: '/',
      label: 'weight:VirtualService/shop/catalog/http/0/1',
      stop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  // A cluster bench/scale.ts holds (`--hold`) is used as it is, seeded already.
  const held = backend === 'scale' ? process.env.SCALE_KUBECONFIG : undefined;
  const cluster: LocalCluster | undefined = held ? undefined : await startCluster();
  const kubeconfig = held ?? (cluster as LocalCluster).kubeconfig;
  const admin = loadKubeConfig({ kubeconfig, context: 'admin' });
  const env = { KUBECONFIG: kubeconfig, WEIR_CONTEXT: 'operator' };
  const stop = async () => {
    await cluster?.stop();
  };
  if (backend === 'cluster') {
    await seedDemo(admin);
    return { env, view: '/', label: 'weight:VirtualService/shop/catalog/http/0/1', stop };
  }
  if (!held) await seedScaleMesh(admin, size, 16);
  const ns = viewedNamespace(size);
  return {
    env,
    view: `/?namespace=${ns}`,
    label: `weight:VirtualService/${ns}/svc-${Math.min(2, size - 1)}/http/1/1`,
    stop,
  };
}

function print(figure: string, samples: number[], where: Record<string, unknown>): void {
  const round = (value: number) => Math.round(value * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'first-paint',
      figure,
      ...where,
      unit: 'ms',
      runs: samples.length,
      min: round(Math.min(...samples)),
      median: round(percentile(samples, 50)),
      load: os.loadavg().map((load) => Math.round(load * 100) / 100),
    }),
  );
}
