import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where a write's time went, as its answer's `Server-Timing` header (browsers' developer tools
 * and Resource Timing show it): a slow canary step then says whether Weir's own checks, the
 * API server or the way to Weir took the time. Steps are timed where they run (`timed`), into
 * the request they serve; the person sees only their own request's steps, and only where they see the whole mesh.
 */
const steps = new AsyncLocalStorage<Map<string, number>>();

/** Runs a request's work with its own record of steps; `header` reads it once the work is done. */
export function withServerTiming<T>(run: () => Promise<T>): {
  done: Promise<T>;
  /** With `withSteps` false, only the total. */
  header: (withSteps: boolean) => string;
} {
  const record = new Map<string, number>();
  const started = performance.now();
  const done = steps.run(record, run);
  return {
    done,
    header: (withSteps) => serverTimingHeader(withSteps ? record : new Map(), performance.now() - started),
  };
}

/** Times one step of the request under way (added up when it runs more than once: a retry). */
export async function timed<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  const record = steps.getStore();
  if (!record) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    record.set(name, (record.get(name) ?? 0) + performance.now() - started);
  }
}

/** `timed` for a step that does not wait: no promise, no turn of the event loop added. */
export function timedSync<T>(name: string, run: () => T): T {
  const record = steps.getStore();
  if (!record) return run();
  const started = performance.now();
  try {
    return run();
  } finally {
    record.set(name, (record.get(name) ?? 0) + performance.now() - started);
  }
}

/** `gate;dur=2.9, write;dur=6.9, total;dur=12.1` (RFC: names are tokens, durations in ms). */
export function serverTimingHeader(record: ReadonlyMap<string, number>, total: number): string {
  return [...record, ['total', total] as const]
    .map(([name, ms]) => `${name};dur=${Math.round(ms * 10) / 10}`)
    .join(', ');
}
