import 'server-only';
import diagnostics from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface IdleGcOptions {
  /**
   * How long the server must have been quiet: no request started or answered, and its event
   * loop busy less than `busyShare` of the time (a store listing a large mesh, or streaming
   * events to many clients, answers no request meanwhile and is anything but idle).
   */
  quietMs?: number;
  /** The share of a check's interval the event loop may have been busy in a quiet server. */
  busyShare?: number;
  /** How much more it must hold (heap and buffers) than after its last collection. */
  growthBytes?: number;
  /** How often it looks. */
  checkMs?: number;
  /** Told of each collection: what was held before and after, in bytes, and how long it took. */
  onCollect?: (before: number, after: number, ms: number) => void;
  /** What is held, in bytes: heap in use and buffers outside it (a test gives its own, as young garbage may be scavenged before a check sees it). */
  measure?: () => number;
}

/**
 * Whether to collect now: quiet for `quietMs`, and holding `growthBytes` more than after the
 * last collection (what a burst of use left behind, not the mesh itself).
 */
export function shouldCollect(
  now: number,
  lastActivity: number,
  held: number,
  baseline: number,
  { quietMs = QUIET_MS, growthBytes = GROWTH_BYTES }: IdleGcOptions = {},
): boolean {
  return now - lastActivity >= quietMs && held >= baseline + growthBytes;
}

const QUIET_MS = 5_000;
const BUSY_SHARE = 0.1;
const GROWTH_BYTES = 64 * 1024 * 1024;
const CHECK_MS = 2_000;

/**
 * Collects the garbage a burst of use left once the server is quiet. V8 collects when it
 * allocates, not when it rests: at 10,000 VirtualServices a few minutes of use (whole-mesh
 * reads, writes, 200 event streams, the overview) left ~150 MB of dead objects and ~50 MB of
 * dead buffers held until the next request, and RSS stayed at 610–650 MB where a collection
 * brings it to ~440 MB, and a compacting one to ~370 MB (bench/scale.ts SCALE_ONLY=use). The
 * pause (a full, compacting collection of the ~200 MB the mesh holds: about three times a plain
 * one's, 0.5–1.5 s on a loaded machine) falls where no request is waiting (none in flight but
 * event streams); an event stream may be that much later once per burst. Returns the function
 * that stops it.
 */
export function collectWhenIdle(options: IdleGcOptions = {}): () => void {
  const gc = collector();
  let lastActivity = Date.now();
  let inFlight = 0;
  const active = () => {
    lastActivity = Date.now();
  };
  const started = (message: unknown) => {
    const { request, response } = (message ?? {}) as Partial<RequestMessage>;
    if (request && isBackground(request.url)) return;
    active();
    if (!response) return;
    // Until it is answered or given up ('close' comes either way), a request is waiting.
    inFlight++;
    response.once('close', () => {
      inFlight--;
      active();
    });
  };
  diagnostics.subscribe('http.server.request.start', started);
  const measure = options.measure ?? held;
  let baseline = measure();
  let loop = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    if (performance.eventLoopUtilization(now, loop).utilization > (options.busyShare ?? BUSY_SHARE)) active();
    loop = now;
    const before = measure();
    if (inFlight > 0 || !shouldCollect(Date.now(), lastActivity, before, baseline, options)) return;
    const started = performance.now();
    gc();
    baseline = measure();
    // The collection's own time is no sign of use.
    loop = performance.eventLoopUtilization();
    options.onCollect?.(before, baseline, performance.now() - started);
  }, options.checkMs ?? CHECK_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    diagnostics.unsubscribe('http.server.request.start', started);
  };
}

interface RequestMessage {
  request: { url?: string };
  response: { once(event: 'close', listener: () => void): unknown };
}

/**
 * Requests that are no sign of use: probes and scrapes (a kubelet asks /readyz every 2 s for as
 * long as the pod runs, so counting them the server would never be quiet in a cluster), and
 * event streams (open for as long as a page is; what they send is weighed by the event loop's
 * busy share instead).
 */
function isBackground(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return (
    path === '/healthz' ||
    path === '/readyz' ||
    path === '/metrics' ||
    path === '/api/events' ||
    path === '/api/overview/events'
  );
}

/** The heap in use and the memory of buffers outside it, in bytes. */
function held(): number {
  return v8.getHeapStatistics().used_heap_size + process.memoryUsage().external;
}

/**
 * V8's full collection, compacting: a plain one frees the dead objects but keeps the pages
 * they were on, and after a burst at 10,000 VirtualServices the old space stayed at 216 MB
 * for 152 MB alive in it (the survivors are spread over every page a burst filled); moving
 * them together gives the emptied pages back to the system. The flag is set for
 * this one collection only: compacting every collection would slow those made under load.
 * Node gives `gc` only to a process started with --expose-gc, which `next start`, the image
 * and the test servers would each have to pass: that flag is set for the moment it takes to
 * read `gc` from a new context, and unset again.
 */
function collector(): () => void {
  const gc = exposedGc();
  // An operator who started Node compacting every full collection keeps it so.
  if (nodeFlagGiven('compact-on-every-full-gc')) return gc;
  return () => {
    v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

/**
 * Whether Node was started with the V8 flag `name` on (on its command line or in
 * NODE_OPTIONS; V8 reads `_` and `-` alike), so that what sets it for a moment leaves it on.
 */
export function nodeFlagGiven(
  name: string,
  args: readonly string[] = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)],
): boolean {
  const wanted = `--${name.replaceAll('_', '-')}`;
  let given = false;
  for (const arg of args) {
    const flag = arg.replaceAll('_', '-').split('=')[0];
    if (flag === wanted) given = true;
    else if (flag === `--no-${name.replaceAll('_', '-')}`) given = false;
  }
  return given;
}

function exposedGc(): () => void {
  const given = (globalThis as { gc?: () => void }).gc;
  if (given) return given;
  v8.setFlagsFromString('--expose-gc');
  try {
    return vm.runInNewContext('gc') as () => void;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
