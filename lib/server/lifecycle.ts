import 'server-only';
import type { Env } from './config';

/** What a shutdown tells each open event stream: reconnect after this long (to another replica). */
export const RECONNECT_AFTER_MS = 1_000;
/** How long closed streams get to flush their last bytes before the process exits. */
const FLUSH_MS = 300;

interface Lifecycle {
  draining: boolean;
  /** Open event streams: each closes itself after telling the browser when to come back. */
  streams: Set<(retryMs: number) => void>;
  /** Writes under way: a shutdown lets them finish. */
  writes: Set<Promise<unknown>>;
  installed: boolean;
}

// On globalThis: instrumentation.ts and the route handlers are bundled separately, and must
// share one state.
const KEY = Symbol.for('weir.lifecycle');
function state(): Lifecycle {
  const holder = globalThis as { [KEY]?: Lifecycle };
  holder[KEY] ??= { draining: false, streams: new Set(), writes: new Set(), installed: false };
  return holder[KEY];
}

/** Whether the server is shutting down (readiness then fails, so no new traffic comes). */
export function isDraining(): boolean {
  return state().draining;
}

/** Registers an open event stream; answers the function that forgets it once it ends. */
export function trackStream(close: (retryMs: number) => void): () => void {
  const { streams } = state();
  streams.add(close);
  return () => streams.delete(close);
}

/** How many event streams are open now. */
export function openStreams(): number {
  return state().streams.size;
}

/** Runs a write so that a shutdown waits for it to finish. */
export function trackWrite<T>(work: Promise<T>): Promise<T> {
  const { writes } = state();
  writes.add(work);
  const forget = () => writes.delete(work);
  work.then(forget, forget);
  return work;
}

export interface ShutdownOptions {
  /** How long readiness fails before streams close (endpoints need a moment to drop the pod). */
  delayMs: number;
  /** The longest the writes under way are waited for. */
  writesMs: number;
}

/**
 * Readiness fails first, then, after `delayMs`, every event stream is told to reconnect after
 * RECONNECT_AFTER_MS and closed, and the writes under way are waited for (at most `writesMs`).
 */
export async function drain(options: ShutdownOptions): Promise<void> {
  const current = state();
  current.draining = true;
  if (options.delayMs > 0) await sleep(options.delayMs);
  for (const close of [...current.streams]) close(RECONNECT_AFTER_MS);
  current.streams.clear();
  if (current.writes.size > 0) {
    await Promise.race([Promise.allSettled([...current.writes]), sleep(options.writesMs)]);
  }
}

/** The drain timings from WEIR_SHUTDOWN_DELAY_SECONDS (default 0) and WEIR_SHUTDOWN_WRITES_SECONDS (default 20). */
export function shutdownOptions(env: Env): ShutdownOptions {
  const seconds = (value: string | undefined, fallback: number) => {
    const parsed = Number(value);
    return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
  };
  return {
    delayMs: seconds(env.WEIR_SHUTDOWN_DELAY_SECONDS, 0) * 1000,
    writesMs: seconds(env.WEIR_SHUTDOWN_WRITES_SECONDS, 20) * 1000,
  };
}

/**
 * On SIGTERM or SIGINT: drain, then exit. Next's own handler (unless NEXT_MANUAL_SIG_HANDLE is
 * set, as `npm start`, the image and the chart do) closes the listener at once and waits for
 * every connection, which the drain's closing of the event streams lets end.
 */
export function installShutdown(env: Env = process.env): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    console.log(`weir: ${signal}: draining (readiness fails, event streams close, writes finish)`);
    // Exit a moment after the drain, so the streams' last bytes (the retry hint) reach the browsers.
    drain(shutdownOptions(env)).finally(() => setTimeout(() => process.exit(0), FLUSH_MS));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
