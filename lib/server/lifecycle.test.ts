import { afterEach, describe, expect, it } from 'vitest';
import { createFilesStore } from '../store/files/files-store';
import { tempFolder } from '../store/files/test-folder';
import type { MeshStore } from '../store/types';
import { eventStream } from './event-stream';
import { drain, isDraining, RECONNECT_AFTER_MS, shutdownOptions, trackWrite } from './lifecycle';

const LIFECYCLE = Symbol.for('weir.lifecycle');
const stores: MeshStore[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Each test starts from a server that is not shutting down.
  delete (globalThis as { [LIFECYCLE]?: unknown })[LIFECYCLE];
  for (const store of stores.splice(0)) await store.stop();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function openStore(): Promise<MeshStore> {
  const temp = await tempFolder({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' });
  cleanups.push(temp.cleanup);
  const store = createFilesStore({ folder: temp.folder });
  stores.push(store);
  await store.start();
  return store;
}

/** Everything the stream sends until it ends; throws when it has not ended within `ms`. */
async function readToEnd(body: ReadableStream<Uint8Array>, ms: number): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    const next = await Promise.race([
      reader.read(),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, left))),
    ]);
    if (next === 'timeout')
      throw new Error(`the event stream was still open after ${ms} ms; it had sent: ${text}`);
    if (next.done) return text;
    text += decoder.decode(next.value);
  }
}

describe('graceful shutdown', () => {
  it('fails readiness first, then tells each open event stream when to reconnect and ends it', async () => {
    const store = await openStore();
    const body = eventStream(store, store.snapshot().sequence, new AbortController().signal);
    const ended = readToEnd(body, 3_000);
    expect(isDraining()).toBe(false);
    await drain({ delayMs: 0, writesMs: 1_000 });
    expect(isDraining()).toBe(true);
    const text = await ended;
    // The stream's opening hint, then the shutdown's, last.
    expect(text.split(`retry: ${RECONNECT_AFTER_MS}\n\n`).length - 1).toBe(2);
    expect(text.trimEnd().endsWith(`retry: ${RECONNECT_AFTER_MS}`)).toBe(true);
  });

  it('waits for the writes under way, but not beyond its limit', async () => {
    let finished = false;
    void trackWrite(new Promise((resolve) => setTimeout(resolve, 200)).then(() => (finished = true)));
    await drain({ delayMs: 0, writesMs: 5_000 });
    expect(finished).toBe(true);

    void trackWrite(new Promise(() => {}));
    const started = Date.now();
    await drain({ delayMs: 0, writesMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reads its timings from the environment, refusing nonsense', () => {
    expect(shutdownOptions({})).toEqual({ delayMs: 0, writesMs: 20_000 });
    expect(
      shutdownOptions({ WEIR_SHUTDOWN_DELAY_SECONDS: '5', WEIR_SHUTDOWN_WRITES_SECONDS: '2.5' }),
    ).toEqual({
      delayMs: 5_000,
      writesMs: 2_500,
    });
    expect(
      shutdownOptions({ WEIR_SHUTDOWN_DELAY_SECONDS: '-1', WEIR_SHUTDOWN_WRITES_SECONDS: 'soon' }),
    ).toEqual({
      delayMs: 0,
      writesMs: 20_000,
    });
  });
});
