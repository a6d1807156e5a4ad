import diagnostics from 'node:diagnostics_channel';
import { EventEmitter } from 'node:events';
import v8 from 'node:v8';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { collectWhenIdle, nodeFlagGiven, shouldCollect } from './idle-gc';

const MB = 1024 * 1024;
let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** Allocates `mb` of objects and lets them go: garbage for the collector. */
function litter(mb: number): void {
  let kept: string[][] = [];
  for (let i = 0; i < mb; i++) kept.push(Array.from({ length: 16_384 }, (_, j) => `${i}:${j}`));
  kept = [];
  expect(kept).toEqual([]);
}

/** What a server holds when it keeps taking 16 MB more: always enough to collect. */
function growing(): () => number {
  let bytes = 0;
  return () => {
    bytes += 16 * MB;
    return bytes;
  };
}

describe('shouldCollect', () => {
  it('collects exactly when quiet long enough and holding enough more than after the last collection', () => {
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.nat(100_000),
        fc.nat(1e9),
        fc.nat(1e9),
        (now, since, held, baseline) => {
          const options = { quietMs: 5_000, growthBytes: 64 * MB };
          const lastActivity = now - since;
          expect(shouldCollect(now, lastActivity, held, baseline, options)).toBe(
            since >= 5_000 && held - baseline >= 64 * MB,
          );
        },
      ),
    );
  });
});

describe('collectWhenIdle', () => {
  it('collects what a burst left once no request has come for a while', async () => {
    const collected: Array<{ before: number; after: number }> = [];
    stop = collectWhenIdle({
      quietMs: 50,
      growthBytes: 8 * MB,
      checkMs: 20,
      onCollect: (before, after) => collected.push({ before, after }),
    });
    litter(64);
    const deadline = Date.now() + 10_000;
    while (collected.length === 0) {
      if (Date.now() > deadline) throw new Error('no collection within 10 s of quiet');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [first] = collected;
    expect(first?.after).toBeLessThan((first?.before ?? 0) - 8 * MB);
  });

  it('gives back the pages a burst left: what it keeps alive is moved together', async () => {
    // A burst's survivors spread thin over many pages: one small record in five kept.
    const burst: Array<{ at: number; text: string }> = [];
    const survivors: typeof burst = [];
    for (let i = 0; i < 1_500_000; i++) {
      const record = { at: i, text: `record ${i}` };
      burst.push(record);
      if (i % 5 === 0) survivors.push(record);
    }
    burst.length = 0;
    let free: number | undefined;
    stop = collectWhenIdle({
      quietMs: 50,
      growthBytes: 1,
      checkMs: 20,
      onCollect: () => {
        const old = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
        free = (old?.space_size ?? 0) - (old?.space_used_size ?? 0);
      },
    });
    const deadline = Date.now() + 10_000;
    while (free === undefined) {
      if (Date.now() > deadline) throw new Error('no collection within 10 s of quiet');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(survivors).toHaveLength(300_000);
    // Without compaction the pages stay, four fifths empty: ~100 MB of them here.
    expect(free).toBeLessThan(16 * MB);
  });

  it('waits while the event loop is busy, though no request comes', async () => {
    const collected: number[] = [];
    stop = collectWhenIdle({
      quietMs: 200,
      growthBytes: 1,
      checkMs: 20,
      onCollect: (b) => collected.push(b),
    });
    litter(16);
    const until = Date.now() + 600;
    while (Date.now() < until) {
      // Busy 18 ms of every 20: a store listing a mesh.
      const busy = Date.now() + 18;
      while (Date.now() < busy) litter(0);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(collected).toEqual([]);
  });

  it('waits while requests keep coming', async () => {
    const collected: number[] = [];
    stop = collectWhenIdle({
      quietMs: 200,
      growthBytes: 1,
      checkMs: 20,
      onCollect: (b) => collected.push(b),
    });
    litter(16);
    const start = diagnostics.channel('http.server.request.start');
    for (let i = 0; i < 30; i++) {
      start.publish({});
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(collected).toEqual([]);
  });

  it('collects though probes and scrapes keep coming (a kubelet asks /readyz every 2 s)', async () => {
    const collected: number[] = [];
    stop = collectWhenIdle({
      quietMs: 100,
      growthBytes: 8 * MB,
      measure: growing(),
      // What is tested here is the requests; the event loop's share is tested above.
      busyShare: 1,
      checkMs: 20,
      onCollect: (b) => collected.push(b),
    });
    const start = diagnostics.channel('http.server.request.start');
    const deadline = Date.now() + 10_000;
    while (collected.length === 0) {
      if (Date.now() > deadline) throw new Error('no collection within 10 s of probes alone');
      for (const url of ['/readyz', '/healthz', '/metrics', '/api/events?after=3'])
        start.publish({ request: { url }, response: new EventEmitter() });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }, 15_000);

  it('waits while a request is in flight, however quiet, and collects once it is answered', async () => {
    const collected: number[] = [];
    stop = collectWhenIdle({
      quietMs: 50,
      growthBytes: 8 * MB,
      measure: growing(),
      busyShare: 1,
      checkMs: 20,
      onCollect: (b) => collected.push(b),
    });
    const response = new EventEmitter();
    diagnostics.channel('http.server.request.start').publish({ request: { url: '/api/snapshot' }, response });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(collected).toEqual([]);
    response.emit('close');
    const deadline = Date.now() + 10_000;
    while (collected.length === 0) {
      if (Date.now() > deadline) throw new Error('no collection within 10 s of the answer');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }, 15_000);
});

describe('nodeFlagGiven', () => {
  it("reads a V8 flag from Node's arguments, last word winning, `_` as `-`", () => {
    expect(nodeFlagGiven('compact-on-every-full-gc', ['--compact-on-every-full-gc'])).toBe(true);
    expect(nodeFlagGiven('compact-on-every-full-gc', ['--compact_on_every_full_gc'])).toBe(true);
    expect(nodeFlagGiven('compact-on-every-full-gc', ['--max-old-space-size=512'])).toBe(false);
    expect(
      nodeFlagGiven('compact-on-every-full-gc', [
        '--compact-on-every-full-gc',
        '--no-compact-on-every-full-gc',
      ]),
    ).toBe(false);
    expect(nodeFlagGiven('expose-gc', ['--expose_gc', ''])).toBe(true);
    // A flag it only starts with is another flag.
    expect(nodeFlagGiven('expose-gc', ['--expose-gc-as=collect'])).toBe(false);
  });
});
