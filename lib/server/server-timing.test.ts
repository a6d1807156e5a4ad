import { describe, expect, it } from 'vitest';
import { serverTimingHeader, timed, timedSync, withServerTiming } from './server-timing';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parse(header: string): Record<string, number> {
  return Object.fromEntries(
    header.split(', ').map((part) => {
      const [name, dur] = part.split(';dur=');
      return [name, Number(dur)];
    }),
  );
}

describe('server timing', () => {
  it('records each step of its own request only, even when requests run at once', async () => {
    const first = withServerTiming(async () => {
      await timed('gate', () => tick(30));
      return timedSync('view', () => 'a');
    });
    const second = withServerTiming(async () => {
      await timed('write', () => tick(5));
      return 'b';
    });
    expect(await first.done).toBe('a');
    expect(await second.done).toBe('b');
    const a = parse(first.header(true));
    const b = parse(second.header(true));
    expect(Object.keys(a)).toEqual(['gate', 'view', 'total']);
    expect(Object.keys(b)).toEqual(['write', 'total']);
    expect(a.gate).toBeGreaterThanOrEqual(25);
    expect(a.total).toBeGreaterThanOrEqual(a.gate as number);
  });

  it('adds up a step that runs twice (a retried write) and keeps a failed step', async () => {
    const timing = withServerTiming(async () => {
      await timed('write', () => tick(10));
      await timed('write', () => tick(10));
      await timed('base', () => Promise.reject(new Error('refused'))).catch(() => undefined);
    });
    await timing.done;
    const steps = parse(timing.header(true));
    expect(steps.write).toBeGreaterThanOrEqual(18);
    expect(steps).toHaveProperty('base');
  });

  it('tells only the total when the steps are not to be told', async () => {
    const timing = withServerTiming(() => timed('gate', () => tick(5)));
    await timing.done;
    expect(Object.keys(parse(timing.header(false)))).toEqual(['total']);
  });

  it('runs a step outside any request as it is, recording nothing', async () => {
    expect(await timed('gate', () => 1)).toBe(1);
    expect(timedSync('gate', () => 2)).toBe(2);
  });

  it('writes durations in ms to a tenth, total last', () => {
    expect(serverTimingHeader(new Map([['gate', 2.94]]), 12.06)).toBe('gate;dur=2.9, total;dur=12.1');
  });
});
