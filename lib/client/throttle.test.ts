import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls at once, then at most once per interval with the latest arguments', () => {
    const calls: number[] = [];
    const write = throttle((value: number) => calls.push(value), 250);
    write(1);
    write(2);
    write(3);
    expect(calls).toEqual([1]);
    vi.advanceTimersByTime(249);
    expect(calls).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([1, 3]);
  });

  it('keeps to the rate over a long drag', () => {
    const calls: number[] = [];
    const write = throttle((value: number) => calls.push(value), 250);
    for (let t = 0; t < 1000; t += 16) {
      write(t);
      vi.advanceTimersByTime(16);
    }
    vi.advanceTimersByTime(250);
    expect(calls.length).toBeLessThanOrEqual(5);
    expect(calls.at(-1)).toBe(992);
  });

  it('flush sends the pending value now and only once', () => {
    const calls: number[] = [];
    const write = throttle((value: number) => calls.push(value), 250);
    write(1);
    write(2);
    write.flush();
    expect(calls).toEqual([1, 2]);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([1, 2]);
    write.flush();
    expect(calls).toEqual([1, 2]);
  });

  it('cancel drops the pending value', () => {
    const calls: number[] = [];
    const write = throttle((value: number) => calls.push(value), 250);
    write(1);
    write(2);
    write.cancel();
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([1]);
  });
});

describe('throttle reset', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the next call at once, and drops what was pending', () => {
    const calls: number[] = [];
    const write = throttle((value: number) => calls.push(value), 300);
    write(1);
    vi.advanceTimersByTime(90);
    write(2);
    expect(calls).toEqual([1]);
    write.reset();
    write(3);
    expect(calls).toEqual([1, 3]);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual([1, 3]);
  });
});
