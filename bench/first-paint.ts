// Time to first graph: opening the home page in a new browser context → the canary's weight
// label drawn, and the first HTML's arrival; whether "Loading the mesh…" was ever on screen.
// Prints JSON lines (min and median over RUNS runs after one warm-up, the load average).
// Run from the repository root after `npx next build`:
//   npx tsx --conditions=react-server bench/first-paint.ts            the demo, a folder (no cluster)
//   npx tsx --conditions=react-server bench/first-paint.ts cluster    the demo on the local API server
//   npx tsx --conditions=react-server bench/first-paint.ts scale 500  one namespace of bench/scale.ts's mesh
// Environment: RUNS (7), FIRST_PAINT_PORT (3330), WEIR_DIST_DIR, SCALE_KUBECONFIG (scale: a cluster
// `bench/scale.ts <size> --hold` seeded, used as it is).
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

const { env, view, label, stop } = await openBackend();
let weir: WeirServer | undefined;
let browser: Browser | undefined;
try {
  weir = startWeir(port, { ...env, WEIR_DIST_DIR: distDir }, { timeoutMs: 300_000 });
  await weir.ready;
  browser = await chromium.launch(chromiumLaunchOptions);
  const graph: number[] = [];
  const html: number[] = [];
  let loadingShown = 0;
  for (let run = 0; run <= RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const sawLoading = await watchForText(page, LOADING);
    const opened = performance.now();
    await page.goto(`http://127.0.0.1:${port}${view}`);
    await page.getByTestId(label).waitFor({ timeout: 120_000 });
    const drawn = performance.now() - opened;
    const responseEnd = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
    );
    const saw = await sawLoading();
    await context.close();
    // The first run warms the server (its store opens, its code is compiled): not counted.
    if (run === 0) continue;
    graph.push(drawn);
    html.push(responseEnd);
    if (saw) loadingShown += 1;
  }
  const where = { backend, view, ...(backend === 'scale' && { size }) };
  print('first-graph', graph, where);
  print('first-html-complete', html, where);
  console.log(
    JSON.stringify({ bench: 'first-paint', figure: 'loading-shown', ...where, runs: RUNS, loadingShown }),
  );
} finally {
  await browser?.close();
  weir?.stop();
  await stop();
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
      label: 'weight:shop/catalog/http/0/1',
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
    return { env, view: '/', label: 'weight:shop/catalog/http/0/1', stop };
  }
  if (!held) await seedScaleMesh(admin, size, 16);
  const ns = viewedNamespace(size);
  return {
    env,
    view: `/?namespace=${ns}`,
    label: `weight:${ns}/svc-${Math.min(2, size - 1)}/http/1/1`,
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
