// Weir on a generated mesh of `size` VirtualServices (issue 14): 20 per namespace, each with a
// DestinationRule, a Service and two ready pods, one Gateway per namespace. Prints every figure
// as a JSON line (min and median over RUNS runs, the load average). Run from the repository root:
//   npx next build && npx tsx --conditions=react-server bench/scale.ts 10000
// Generating 10,000 takes minutes; keep a seeded cluster between runs:
//   npx tsx --conditions=react-server bench/scale.ts 10000 --hold     (prints SCALE_KUBECONFIG=…)
//   SCALE_KUBECONFIG=… npx tsx --conditions=react-server bench/scale.ts 10000
// Environment: RUNS (3), SAMPLES (latency samples per figure, 20), SCALE_PORT (3310),
// WEIR_DIST_DIR, SCALE_CPU_PROF (a folder: Weir's server writes a CPU profile there on exit),
// SSE_CLIENTS, SSE_RATE, SSE_SECONDS, FIRST_VIEW_TIMEOUT_MS (cap on the all-namespaces view),
// SCALE_ONLY=overview (only the all-namespaces figures: the first view, its overview, its bytes)
// or SCALE_ONLY=drag (only the slider drag on a large view), or SCALE_ONLY=server (start, RSS,
// reads, writes, the SSE fan-out and a slider step to the API server: no page figures), or
// SCALE_ONLY=start (start, RSS and the server's CPU time until synced), SCALE_ONLY=namespace
// (only the one-namespace view: its first graph and a change in the API server reaching its DOM),
// SCALE_ONLY=write (start, then only POST /api/changes beside the API server's own PUT: a CPU
// profile of the server is then mostly its write path), SCALE_ONLY=slider (start, the
// one-namespace view, then only its slider's key steps reaching the API server), SCALE_ONLY=use (RUNS servers, each
// started, used once by every server-side scenario — reads, writes, the SSE fan-out, the
// overview and search, the pages' HTML — then its RSS: the server's memory after use, not only
// at sync; then again after SCALE_HOLD_AFTER_USE_S quiet seconds, 15: rss-after-use-idle),
// SCALE_HEAP_SNAPSHOT (a folder: with SCALE_ONLY=use, each server writes a heap snapshot
// there when synced and after use), SCALE_NODE_ARGS (Node flags for Weir's server,
// space-separated: e.g. V8's, measured without a build),
// SCALE_BROWSER_TRACE (a file: Chromium's performance trace of the first one-namespace graph),
// SCALE_DRAG_TRACE (a file: Chromium's performance trace of the first drag and its writes),
// SCALE_DRAG_PROFILE (a file: the page's V8 CPU profile of the same, for DevTools or a script),
// SCALE_DRAG_RECORD_RUN (which drag those two record: 0, the first, by default),
// SCALE_CHECKOUT (another checkout, with its node_modules and WEIR_DIST_DIR build, to serve
// instead of this one: a baseline measured against the same seeded cluster), SCALE_STANDALONE=1
// (serve the build's standalone output, `node server.js` as the image and the Helm chart run it,
// instead of `next start`; each figure's line then says `"server":"standalone"`).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { loadKubeConfig } from '../lib/kube/kube-config';
import { kubeRequest } from '../lib/kube/request';
import { watchPath } from '../lib/kube/watch';
import { type LocalCluster, startCluster } from '../tools/cluster/cluster';
import { chromiumLaunchOptions } from '../tools/test/chromium';
import { startWeir, type WeirServer } from '../tools/test/weir-server';
import { type DragRecorder, dragFigures } from './support/drag';
import { groupCpuS, groupRssMb, labelFigures, median, printFigure, repeat } from './support/figures';
import {
  countVirtualServices,
  namespaceCount,
  seedScaleMesh,
  VS_PER_NAMESPACE,
  viewedNamespace,
} from './support/scale-mesh';
import { sseFanout } from './support/sse-fanout';
import { percentile } from './support/stack';

const size = Number(process.argv[2] ?? 50);
if (!Number.isInteger(size) || size < 5)
  throw new Error(`size must be a whole number of VirtualServices from 5, not ${process.argv[2]}`);
const hold = process.argv.includes('--hold');
const big = size >= 1_000;
const RUNS = Number(process.env.RUNS ?? 3);
const SAMPLES = Number(process.env.SAMPLES ?? (big ? 20 : 5));
const port = Number(process.env.SCALE_PORT ?? 3310);
const distDir = process.env.WEIR_DIST_DIR || '.next';
const ns = viewedNamespace(size);
const log = (line: string) => console.error(`scale: ${line}`);
const only = process.env.SCALE_ONLY;
const ONLY = ['overview', 'drag', 'server', 'start', 'namespace', 'write', 'slider', 'use'];
if (only && !ONLY.includes(only)) throw new Error(`SCALE_ONLY is one of ${ONLY.join(', ')}, not ${only}`);
const serverOnly = only === 'server';
const checkout = process.env.SCALE_CHECKOUT ? path.resolve(process.env.SCALE_CHECKOUT) : undefined;
const standalone = process.env.SCALE_STANDALONE
  ? path.resolve(checkout ?? '.', distDir, 'standalone')
  : undefined;
if (standalone) labelFigures({ server: 'standalone' });

/** Thrown to skip the figures SCALE_ONLY leaves out. */
class Done extends Error {}

interface Vs {
  metadata: { resourceVersion: string };
  spec: { http: Array<{ route: Array<{ weight?: number }> }> };
}

const { kubeconfig, cluster } = await openCluster();
if (hold) {
  console.log(`SCALE_KUBECONFIG=${kubeconfig}`);
  log('holding the cluster until Ctrl-C');
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await cluster?.stop();
  process.exit(0);
}
if (!existsSync(path.join(checkout ?? '', distDir, 'BUILD_ID')))
  throw new Error(`run \`npx next build\` first (${path.join(checkout ?? '', distDir)})`);
const admin = loadKubeConfig({ kubeconfig, context: 'admin' });
const url = `http://127.0.0.1:${port}`;
let weir: WeirServer | undefined;
let browser: Browser | undefined;
try {
  if (only === 'use') {
    await measureUse();
    throw new Done();
  }
  weir = await measureStart();
  if (only === 'start') throw new Done();
  if (only === 'write') {
    await measureWrites();
    throw new Done();
  }
  if (!only || serverOnly) {
    await measureReads();
    await measureWrites();
    await measureFanout();
  }
  browser = await chromium.launch(chromiumLaunchOptions);
  if (!only || serverOnly || only === 'namespace' || only === 'slider') await measureBrowser(browser);
  if (!only || only === 'drag') await measureDrag(browser);
  if (!only || serverOnly) {
    printFigure('rss-after-use', size, [await groupRssMb(weir.process.pid as number)], { unit: 'MB' });
  }
  if (!only || only === 'overview') {
    await measureOverviewReads();
    await measureFirstViewAll(browser);
  }
} catch (error) {
  if (!(error instanceof Done)) throw error;
} finally {
  await browser?.close();
  if (weir) await stopHard(weir, 'sigterm-to-exit-after-use');
  await cluster?.stop();
}

/**
 * Stops a server and waits until it is gone. A SIGTERM'd server of a 10,000-VirtualService mesh
 * was seen alive 19 minutes later (listener closed, store and watches still running, recording
 * history for every write): the next run then measured against it. After 30 s, SIGKILL.
 */
async function stopHard(server: WeirServer, figure?: string): Promise<void> {
  const signalled = performance.now();
  const gone = await Promise.race([
    server.terminate().then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000)),
  ]);
  if (!gone) log('a server outlived SIGTERM by 30 s: SIGKILL');
  // SIGTERM → the process gone (30 s and more: it had to be killed).
  if (figure) printFigure(figure, size, [performance.now() - signalled], { unit: 'ms', killed: !gone });
  // Its whole process group: anything it started goes too.
  try {
    if (server.process.pid !== undefined) process.kill(-server.process.pid, 'SIGKILL');
  } catch {
    // gone already
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

/** A cluster holding the mesh: the one SCALE_KUBECONFIG names (seeded when it holds fewer), or a new one. */
async function openCluster(): Promise<{ kubeconfig: string; cluster?: LocalCluster }> {
  const given = process.env.SCALE_KUBECONFIG;
  let cluster: LocalCluster | undefined;
  let kubeconfig = given;
  if (!kubeconfig) {
    const started = performance.now();
    const dir = path.resolve('.weir', `scale-${size}`);
    mkdirSync(dir, { recursive: true });
    cluster = await startCluster({ kubeconfigPath: path.join(dir, 'kubeconfig') });
    kubeconfig = cluster.kubeconfig;
    log(`cluster up in ${Math.round(performance.now() - started)} ms`);
  }
  const kc = loadKubeConfig({ kubeconfig, context: 'admin' });
  const held = await countVirtualServices(kc);
  if (held !== size) {
    if (held > size) throw new Error(`the cluster holds ${held} VirtualServices, more than ${size}`);
    const started = performance.now();
    await seedScaleMesh(kc, size, 16, log);
    printFigure('generate', size, [performance.now() - started], { unit: 'ms' });
  }
  return { kubeconfig, cluster };
}

/** Server start → the first answer after the lists (the store opens on the first request); RSS then. */
async function measureStart(): Promise<WeirServer> {
  const times: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  let server: WeirServer | undefined;
  for (let run = 0; run < RUNS; run++) {
    if (server) await stopHard(server, 'sigterm-to-exit-synced');
    const started = await startSynced();
    server = started.server;
    times.push(started.ms);
    rss.push(started.rssMb);
    cpu.push(started.cpuS);
  }
  printFigure('start-to-synced', size, times, { unit: 'ms' });
  printFigure('rss-synced', size, rss, { unit: 'MB' });
  // The server's own CPU time until synced: what start costs, whatever else the machine runs.
  printFigure('start-cpu', size, cpu, { unit: 's' });
  return server as WeirServer;
}

/** Starts a server and waits until its snapshot says synced: how long that took, its RSS and CPU time then. */
async function startSynced(
  extraNodeArgs: string[] = [],
): Promise<{ server: WeirServer; ms: number; rssMb: number; cpuS: number }> {
  const profile = process.env.SCALE_CPU_PROF;
  const nodeArgs = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : []),
    ...(process.env.SCALE_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ...extraNodeArgs,
  ];
  const env = { KUBECONFIG: kubeconfig, WEIR_CONTEXT: 'operator', WEIR_DIST_DIR: distDir };
  const started = performance.now();
  const server = startWeir(port, env, {
    readyPath: '/api/session',
    timeoutMs: 300_000,
    nodeArgs,
    checkout,
    standalone,
  });
  try {
    await server.ready;
    // The store answers out of sync when its lists take longer than its start timeout (15 s):
    // synced is when the snapshot says so.
    for (;;) {
      const snapshot = await getJson<{ sync: { synced: boolean } }>(`/api/snapshot?namespace=${ns}`);
      if (snapshot.body.sync.synced) break;
      if (performance.now() - started > 300_000) throw new Error('Weir was not in sync within 300 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const ms = performance.now() - started;
    const pid = server.process.pid as number;
    return { server, ms, rssMb: await groupRssMb(pid), cpuS: await groupCpuS(pid) };
  } catch (error) {
    // Not handed back to the caller: stopped here, or it would hold the port after we exit.
    await stopHard(server);
    throw error;
  }
}

/**
 * RUNS servers, each started and used once by every server-side scenario, then stopped: the
 * RSS of each after use (and with SCALE_HEAP_SNAPSHOT, after the full GC a heap snapshot
 * takes, with the snapshot kept for reading).
 */
async function measureUse(): Promise<void> {
  const snapshots = process.env.SCALE_HEAP_SNAPSHOT
    ? path.resolve(process.env.SCALE_HEAP_SNAPSHOT)
    : undefined;
  if (snapshots) mkdirSync(snapshots, { recursive: true });
  const nodeArgs = snapshots ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshots}`] : [];
  const times: number[] = [];
  const cpu: number[] = [];
  const synced: number[] = [];
  const used: number[] = [];
  const collected: number[] = [];
  const idle: number[] = [];
  // Quiet for a while after use, as between two bursts of people's use: what the server then
  // holds (it collects what a burst left once quiet: lib/server/idle-gc.ts).
  const holdS = Number(process.env.SCALE_HOLD_AFTER_USE_S ?? 15);
  for (let run = 0; run < RUNS; run++) {
    const { server, ms, rssMb, cpuS } = await startSynced(nodeArgs);
    weir = server;
    times.push(ms);
    cpu.push(cpuS);
    synced.push(rssMb);
    // What is held at sync, to compare with what is held after use.
    if (snapshots) await heapSnapshot(server.process.pid as number, snapshots);
    await measureReads(1);
    await measureWrites();
    await measureFanout(1);
    await measureOverviewReads(1);
    // The pages' HTML: the server renders each view's first paint (its graph laid out).
    for (const page of [`/?namespace=${ns}`, '/']) await getText(page);
    const pid = server.process.pid as number;
    used.push(await groupRssMb(pid));
    if (holdS > 0) {
      log(`holding the server (pid ${pid}) for ${holdS} s`);
      await new Promise((resolve) => setTimeout(resolve, holdS * 1_000));
      idle.push(await groupRssMb(pid));
    }
    if (snapshots) collected.push(await heapSnapshot(pid, snapshots));
    await stopHard(server);
    weir = undefined;
  }
  // Each run's figure too: a few servers, on a shared machine.
  printFigure('start-to-synced', size, times, { unit: 'ms', each: times.map(Math.round) });
  printFigure('start-cpu', size, cpu, { unit: 's', each: cpu });
  printFigure('rss-synced', size, synced, { unit: 'MB', each: synced });
  printFigure('rss-after-use', size, used, { unit: 'MB', each: used });
  if (holdS > 0) printFigure('rss-after-use-idle', size, idle, { unit: 'MB', idle_s: holdS, each: idle });
  if (snapshots) printFigure('rss-after-heap-snapshot', size, collected, { unit: 'MB', snapshots });
}

/** Signals a server started with --heapsnapshot-signal and waits for its snapshot: the RSS then. */
async function heapSnapshot(pid: number, folder: string): Promise<number> {
  const { readdirSync, statSync } = await import('node:fs');
  const before = new Set(readdirSync(folder));
  process.kill(pid, 'SIGUSR2');
  const deadline = performance.now() + 300_000;
  let last = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const made = readdirSync(folder).find((file) => !before.has(file) && file.endsWith('.heapsnapshot'));
    const bytes = made ? statSync(path.join(folder, made)).size : -1;
    // Written once its size stops growing.
    if (made && bytes > 0 && bytes === last) {
      log(`heap snapshot ${path.join(folder, made)}`);
      return groupRssMb(pid);
    }
    last = bytes;
    if (performance.now() > deadline) throw new Error('no heap snapshot within 300 s');
  }
}

async function measureReads(runs = RUNS): Promise<void> {
  for (const [figure, address] of [
    ['snapshot-all', '/api/snapshot'],
    ['snapshot-namespace', `/api/snapshot?namespace=${ns}`],
    ['graph-namespace', `/api/graph?namespace=${ns}`],
    ['findings-namespace', `/api/findings?namespace=${ns}`],
  ] as const) {
    const answers = await repeat(runs, () => getJson<unknown>(address));
    printFigure(
      figure,
      size,
      answers.map((a) => a.ms),
      { unit: 'ms', bytes: median(answers.map((a) => a.bytes)) },
    );
  }
}

/** POST /api/changes (a canary step, as a slider sends it), then the findings just after it. */
async function measureWrites(): Promise<void> {
  const name = `svc-${Math.min(1, size - 1)}`;
  const path = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/${name}`;
  const posts: number[] = [];
  const findings: number[] = [];
  const puts: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    // The API server's own PUT of the same step (admin, no Weir): the floor under Weir's answer.
    const held = await kubeRequest<Vs>(admin, { method: 'GET', path });
    const canary = 11 + (i % 80);
    const route = held.spec.http[1]?.route ?? [];
    route[0] = { ...route[0], weight: 100 - canary };
    route[1] = { ...route[1], weight: canary };
    const put = performance.now();
    await kubeRequest(admin, { method: 'PUT', path, body: held });
    puts.push(performance.now() - put);
  }
  for (let i = 0; i < SAMPLES; i++) {
    const canary = 11 + (i % 80);
    const vs = await kubeRequest<Vs>(admin, { method: 'GET', path });
    const started = performance.now();
    const response = await fetch(`${url}/api/changes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-weir-csrf': '1' },
      body: JSON.stringify({
        change: {
          kind: 'SetWeights',
          target: { kind: 'VirtualService', namespace: ns, name },
          routeKind: 'http',
          routeIndex: 1,
          weights: [100 - canary, canary],
        },
        resourceVersion: vs.metadata.resourceVersion,
      }),
    });
    await response.text();
    if (!response.ok) throw new Error(`POST /api/changes answered ${response.status}`);
    posts.push(performance.now() - started);
    findings.push((await getJson(`/api/findings?namespace=${ns}`)).ms);
  }
  printFigure('api-server-put', size, puts, { unit: 'ms' });
  printFigure('changes-post', size, posts, { unit: 'ms' });
  printFigure('findings-after-change', size, findings, { unit: 'ms' });
}

async function measureFanout(runs = RUNS): Promise<void> {
  const clients = Number(process.env.SSE_CLIENTS ?? (size >= 10_000 ? 200 : big ? 50 : 10));
  const rate = Number(process.env.SSE_RATE ?? (big ? 50 : 10));
  const seconds = Number(process.env.SSE_SECONDS ?? (big ? 20 : 2));
  const names = Array.from({ length: Math.min(VS_PER_NAMESPACE, size) }, (_, i) => `svc-${i}`).slice(2);
  const results = await repeat(runs, () =>
    sseFanout({ url, admin, namespace: ns, names, clients, writesPerSecond: rate, seconds }),
  );
  const p = (run: (typeof results)[number], q: number) => {
    const sorted = [...run.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1)] ?? Number.NaN;
  };
  const extra = { unit: 'ms', clients, writes_per_s: rate, seconds, dropped: results.map((r) => r.dropped) };
  printFigure(
    'sse-p50',
    size,
    results.map((r) => p(r, 50)),
    extra,
  );
  printFigure(
    'sse-p99',
    size,
    results.map((r) => p(r, 99)),
    extra,
  );
}

/** The one-namespace view: its first graph, a change in the API server reaching the DOM, a slider step reaching the API server. */
async function measureBrowser(browser: Browser): Promise<void> {
  const name = `svc-${Math.min(2, size - 1)}`;
  const label = `weight:VirtualService/${ns}/${name}/http/1/1`;
  const firsts: number[] = [];
  const heaps: number[] = [];
  let page: Page | undefined;
  for (let run = 0; run < RUNS; run++) {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const trace = run === 0 ? process.env.SCALE_BROWSER_TRACE : undefined;
    if (trace) await browser.startTracing(page, { path: path.resolve(trace), screenshots: true });
    const opened = performance.now();
    await page.goto(`${url}/?namespace=${ns}`);
    await page.getByTestId(label).waitFor({ timeout: 120_000 });
    firsts.push(performance.now() - opened);
    if (trace) await browser.stopTracing();
    heaps.push(await heapMb(page));
  }
  printFigure('first-graph-namespace', size, firsts, { unit: 'ms', heap_mb: median(heaps) });
  const view = page as Page;

  const vsPath = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/${name}`;
  const propagation: number[] = [];
  // SCALE_ONLY=slider goes straight to the slider's steps.
  for (let i = 0; i < (only === 'slider' ? 0 : SAMPLES); i++) {
    const canary = 11 + (i % 80);
    const vs = await kubeRequest<Vs>(admin, { method: 'GET', path: vsPath });
    const route = vs.spec.http[1]?.route ?? [];
    route[0] = { ...route[0], weight: 100 - canary };
    route[1] = { ...route[1], weight: canary };
    const shown = view.waitForFunction(
      ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === text,
      [label, `${canary}%`],
      { polling: 'raf', timeout: 30_000 },
    );
    const started = performance.now();
    await kubeRequest(admin, { method: 'PUT', path: vsPath, body: vs });
    await shown;
    propagation.push(performance.now() - started);
  }
  if (only !== 'slider')
    printFigure('change-to-dom-namespace', size, propagation, {
      unit: 'ms',
      p99: percentile(propagation, 99),
    });
  if (only === 'namespace') {
    await view.close();
    return;
  }

  let onChange: (canary: number) => void = () => {};
  const stopWatching = await watchPath<Vs>(
    admin,
    `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices`,
    { fieldSelector: `metadata.name=${name}` },
    (phase, object) => {
      if (phase === 'MODIFIED') onChange(object.spec.http[1]?.route[1]?.weight ?? -1);
    },
  );
  try {
    await view.getByTestId(label).click();
    const slider = view
      .getByRole('slider', { name: `Weight of ${name} v2 in ${ns}/${name} http[1]` })
      .first();
    await slider.focus();
    await recordSliderTimings(view);
    let canary = Number((await view.getByTestId(label).textContent())?.replace('%', '') ?? 10);
    const writes: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const up = canary < 50;
      canary += up ? 1 : -1;
      const target = canary;
      const landed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`weight ${target} never reached the API server`)),
          60_000,
        );
        onChange = (weight) => {
          if (weight !== target) return;
          clearTimeout(timer);
          resolve();
        };
      });
      const started = performance.now();
      await view.keyboard.press(up ? 'ArrowUp' : 'ArrowDown');
      await landed;
      writes.push(performance.now() - started);
      // Let the screen settle on the saved version before the next gesture.
      await view.waitForTimeout(50);
    }
    printFigure('slider-to-api-server', size, writes, { unit: 'ms' });
    await printSliderSplit(view);
  } finally {
    stopWatching();
    await view.close();
  }
}

/**
 * Where a slider step's time goes inside the page: from the key press (the keydown event's
 * own time stamp) to its `/api/changes` request leaving, that request's round trip, and the
 * steps the server timed (its Server-Timing header), all from the page's Resource Timing on
 * the page's clock; the API server's watch, the end of slider-to-api-server, is on the bench's.
 */
interface SentWrite {
  start: number;
  responseStart: number;
  end: number;
  server: Record<string, number>;
}

async function recordSliderTimings(page: Page): Promise<void> {
  await page.evaluate(() => {
    const timings = { keys: [] as number[], requests: [] as SentWrite[] };
    (window as unknown as { __sliderTimings: typeof timings }).__sliderTimings = timings;
    document.addEventListener('keydown', (event) => timings.keys.push(event.timeStamp), { capture: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceResourceTiming[])
        if (new URL(entry.name).pathname === '/api/changes')
          timings.requests.push({
            start: entry.startTime,
            responseStart: entry.responseStart,
            end: entry.responseEnd,
            // Resource Timing gives Server-Timing to secure contexts only (127.0.0.1 is one).
            server: Object.fromEntries((entry.serverTiming ?? []).map((step) => [step.name, step.duration])),
          });
    }).observe({ type: 'resource' });
  });
}

async function printSliderSplit(page: Page): Promise<void> {
  const { keys, requests } = await page.evaluate(
    () =>
      (window as unknown as { __sliderTimings: { keys: number[]; requests: SentWrite[] } }).__sliderTimings,
  );
  const split = new Map<string, number[]>();
  const add = (name: string, ms: number) => split.set(name, [...(split.get(name) ?? []), ms]);
  for (const key of keys) {
    // The first request sent after the key: the step's write (each step waits for the last).
    const request = requests.find((sent) => sent.start >= key);
    if (!request) continue;
    add('slider-key-to-request', request.start - key);
    add('slider-request-round-trip', request.end - request.start);
    const total = request.server.total;
    // Sending, Next's routing, and the answer's first bytes coming back: all but the handler.
    if (total !== undefined)
      add('slider-request-outside-handler', request.responseStart - request.start - total);
    for (const [step, ms] of Object.entries(request.server)) add(`slider-server-${step}`, ms);
  }
  if (!split.has('slider-key-to-request'))
    throw new Error(`no /api/changes request after any of ${keys.length} keys`);
  for (const [figure, samples] of split) printFigure(figure, size, samples, { unit: 'ms' });
}

/**
 * A slider dragged on a large view (up to DRAG_NAMESPACES namespaces, 10 by default: ~1,800
 * nodes at 20 VirtualServices each): frames per second and long tasks while the handle moves,
 * and how many whole graph builds and layouts the page ran meanwhile (the drag's writes move
 * weights only: none is expected).
 */
async function measureDrag(browser: Browser): Promise<void> {
  const count = Math.min(Number(process.env.DRAG_NAMESPACES ?? 10), namespaceCount(size));
  const query = Array.from({ length: count }, (_, n) => `namespace=team-${n}`).join('&');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`${url}/?${query}`);
    // The first drag's release selects its edge and opens the inspector; the later drags run beside it.
    const recorded = Number(process.env.SCALE_DRAG_RECORD_RUN ?? 0);
    let run = 0;
    const runs = await repeat(RUNS, () =>
      dragFigures(page, {
        steps: 40,
        ms: 2_000,
        record: run++ === recorded ? dragRecorder(browser, page) : undefined,
      }),
    );
    const nodes = await page.evaluate(
      () =>
        [...document.querySelectorAll('span')]
          .map((span) => span.textContent ?? '')
          .find((text) => /^\d+ nodes · \d+ edges$/.test(text))
          ?.split(' ')[0],
    );
    const extra = {
      unit: 'fps',
      namespaces: count,
      graph_nodes: Number(nodes),
      long_tasks: runs.map((r) => r.longTasks),
      long_task_ms: runs.map((r) => r.longTaskMs),
      graph_builds: runs.map((r) => r.builds),
      layouts: runs.map((r) => r.layouts),
      writes: runs.map((r) => r.writes),
    };
    printFigure(
      'slider-drag-view',
      size,
      runs.map((r) => r.fps),
      extra,
    );
  } finally {
    await page.close();
  }
}

/**
 * What SCALE_DRAG_TRACE and SCALE_DRAG_PROFILE ask to record of a drag: the trace shows style,
 * layout and paint beside the scripts of each frame; the profile names the functions that ran.
 */
function dragRecorder(browser: Browser, page: Page): DragRecorder | undefined {
  const trace = process.env.SCALE_DRAG_TRACE;
  const profile = process.env.SCALE_DRAG_PROFILE;
  if (!trace && !profile) return undefined;
  let session: CDPSession | undefined;
  return {
    async start() {
      if (trace) await browser.startTracing(page, { path: path.resolve(trace), screenshots: true });
      if (profile) {
        session = await page.context().newCDPSession(page);
        await session.send('Profiler.enable');
        // Finer than the default 1 ms: a frame is 16 ms.
        await session.send('Profiler.setSamplingInterval', { interval: 200 });
        await session.send('Profiler.start');
      }
    },
    async stop() {
      if (session && profile) {
        const { profile: taken } = await session.send('Profiler.stop');
        writeFileSync(path.resolve(profile), JSON.stringify(taken));
        await session.detach();
      }
      if (trace) await browser.stopTracing();
    },
  };
}

/** GET /api/overview (the all-namespaces view's read past the size drawn whole) and GET /api/search. */
async function measureOverviewReads(runs = RUNS): Promise<void> {
  for (const [figure, address] of [
    ['overview-read', '/api/overview'],
    ['search-read', `/api/search?q=${ns}`],
  ] as const) {
    // The first read fills the store's index (and counts the problems over the whole mesh once).
    const started = performance.now();
    const probe = await fetch(`${url}${address}`);
    const first = await probe.text();
    if (probe.status === 404) {
      log(`${address}: not in this build`);
      continue;
    }
    printFigure(`${figure}-first`, size, [performance.now() - started], {
      unit: 'ms',
      bytes: Buffer.byteLength(first),
    });
    const answers = await repeat(runs, () => getJson<unknown>(address));
    printFigure(
      figure,
      size,
      answers.map((a) => a.ms),
      { unit: 'ms', bytes: median(answers.map((a) => a.bytes)) },
    );
  }
}

/**
 * The all-namespaces view: until something useful is on screen (capped) — a namespace's card
 * with its counts where the page opens the overview, else the first
 * node of the whole graph — the bytes of the page's HTML (since the first paint comes from the
 * server, it holds the view's data) and of what it read from /api/, and the page's heap then.
 */
async function measureFirstViewAll(browser: Browser): Promise<void> {
  const cap = Number(process.env.FIRST_VIEW_TIMEOUT_MS ?? 180_000);
  const times: number[] = [];
  const heaps: number[] = [];
  const nodes: number[] = [];
  const bytes: number[] = [];
  const htmlBytes: number[] = [];
  const shown: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    let read = 0;
    let html = 0;
    page.on('response', (response) => {
      const address = new URL(response.url());
      // The page's own HTML: since the first paint comes from the server, it holds the view's data.
      if (address.pathname === '/' && response.request().isNavigationRequest()) {
        response.body().then(
          (body) => {
            html += body.length;
          },
          () => {},
        );
        return;
      }
      if (!address.pathname.startsWith('/api/') || address.pathname === '/api/events') return;
      response.body().then(
        (body) => {
          read += body.length;
        },
        () => {},
      );
    });
    try {
      const opened = performance.now();
      await page.goto(url);
      // Any namespace's card with its counts: past ~150 namespaces the grid opens at its top
      // left, and team-7's card may sit just off screen (not rendered until scrolled to).
      const overview = page
        .locator('[data-testid^="namespace-card:"]')
        .getByText(/VirtualServices?/)
        .first();
      const graph = page.locator('.react-flow__node:not(.react-flow__node-namespace)').first();
      const drawn = await Promise.race([
        overview.waitFor({ timeout: cap }).then(() => 'overview'),
        graph.waitFor({ timeout: cap }).then(() => 'graph'),
      ]).catch(() => undefined);
      times.push(drawn ? performance.now() - opened : Number.POSITIVE_INFINITY);
      if (drawn) shown.push(drawn);
      // The event stream never idles: a moment for the bodies already read to be counted.
      await page.waitForTimeout(500);
      bytes.push(read);
      htmlBytes.push(html);
      heaps.push(await heapMb(page));
      nodes.push(await page.locator('.react-flow__node').count());
    } finally {
      await page.close();
    }
    // Past the cap once, it will not do better: spare the shared machine the other runs.
    if (!Number.isFinite(times.at(-1) as number)) break;
  }
  printFigure('all-namespaces-useful-view', size, times, {
    unit: 'ms',
    shows: shown[0] ?? 'nothing',
    capped_at: cap,
    timed_out: times.some((ms) => !Number.isFinite(ms)),
    api_bytes: median(bytes),
    html_bytes: median(htmlBytes),
    heap_mb: median(heaps),
    rendered_nodes: median(nodes),
  });
}

async function getJson<T>(address: string): Promise<{ ms: number; bytes: number; body: T }> {
  let started = performance.now();
  const response = await fetch(`${url}${address}`).catch((error: unknown) => {
    // A kept-alive connection the server closed (idle past its 5 s) just as this read was
    // sent on it, after a long answer or a heap snapshot: a GET, asked again once.
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    started = performance.now();
    return fetch(`${url}${address}`);
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${address} answered ${response.status}: ${text.slice(0, 200)}`);
  return { ms, bytes: Buffer.byteLength(text), body: JSON.parse(text) as T };
}

/** A page's HTML (the server renders its first paint), read whole. */
async function getText(address: string): Promise<void> {
  const response = await fetch(`${url}${address}`);
  await response.text();
  if (!response.ok) throw new Error(`${address} answered ${response.status}`);
}

async function heapMb(page: Page): Promise<number> {
  const bytes = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  return Math.round(bytes / 1024 / 1024);
}
