/** A throttled call: at most one call per interval, and the last arguments are never lost. */
export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending trailing call now (e.g. on pointer release). */
  flush(): void;
  /** Drops a pending trailing call. */
  cancel(): void;
  /** Drops a pending call and forgets the last one: the next call runs at once (a new gesture). */
  reset(): void;
}

interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Calls `fn` at once, then at most once per `intervalMs` with the latest arguments
 * (leading and trailing edges).
 */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  intervalMs: number,
  clock: Clock = realClock,
): Throttled<A> {
  let lastCall = Number.NEGATIVE_INFINITY;
  let pending: A | undefined;
  let timer: unknown;

  const run = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    const args = pending;
    pending = undefined;
    if (args === undefined) return;
    lastCall = clock.now();
    fn(...args);
  };

  const throttled = (...args: A) => {
    pending = args;
    const wait = lastCall + intervalMs - clock.now();
    if (wait <= 0) run();
    else if (timer === undefined) timer = clock.setTimeout(run, wait);
  };
  throttled.flush = run;
  throttled.cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  throttled.reset = () => {
    throttled.cancel();
    lastCall = Number.NEGATIVE_INFINITY;
  };
  return throttled;
}
