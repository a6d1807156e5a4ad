import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { POST as postChange } from '@/app/api/changes/route';
import { GET as getEvents } from '@/app/api/events/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { controlApiServer } from '@/tools/cluster/control-server';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { until } from '@/tools/test/until';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { closeStore, getStore } from '../store';

// The control server is there only when this run started the cluster (not a reused one).
const control = inject('control');

/** The watch's liveness deadline here: short, so that silence is noticed within a test. */
const DEADLINE_SECONDS = 4;

/** Reads an SSE body until `stop` says so; fails loudly when the time is up first. */
async function readStream(response: Response, stop: (text: string) => boolean, ms: number): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  // One read at a time: a read left behind by the race still takes the next chunk.
  let pending: ReturnType<typeof reader.read> | undefined;
  while (!stop(text)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms reading the stream:\n${text}`);
    pending ??= reader.read();
    const chunk = await Promise.race([
      pending,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 500)),
    ]);
    if (!chunk) continue;
    pending = undefined;
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

describe.skipIf(!control)('a hung API server (SIGSTOP, item 4)', () => {
  let ns: string;
  beforeAll(async () => {
    useTestCluster('local', 'operator');
    process.env.WEIR_WATCH_DEADLINE_SECONDS = String(DEADLINE_SECONDS);
    ns = await createTestNamespace('hung');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'reviews')]);
    const { store } = await getStore();
    await until(`Weir's watch to see VirtualService ${ns}/reviews`, () =>
      store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' }),
    );
  });
  afterAll(async () => {
    await controlApiServer(control, 'resume');
    await closeStore();
    delete process.env.WEIR_WATCH_DEADLINE_SECONDS;
  });

  it('a write is answered within its deadline, never as done: unknown or unavailable', {
    timeout: 60_000,
  }, async () => {
    const { store } = await getStore();
    const held = store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' });
    await controlApiServer(control, 'pause');
    const started = Date.now();
    const response = await postChange(
      weirRequest('/api/changes', {
        method: 'POST',
        body: {
          change: {
            kind: 'SetWeights',
            target: { kind: 'VirtualService', namespace: ns, name: 'reviews' },
            routeKind: 'http',
            routeIndex: 0,
            weights: [50, 50],
          },
          resourceVersion: held?.metadata.resourceVersion,
        },
      }),
    );
    const took = Date.now() - started;
    await controlApiServer(control, 'resume');
    const { error } = await response.json();
    // 504 when the write had reached the API server (it may apply it once it runs again),
    // 503 when it never got there; never 200, never a refusal that claims it was not applied
    // for a reason of its own.
    expect([503, 504], JSON.stringify(error)).toContain(response.status);
    expect(error.message).toMatch(/outcome of this write is unknown|timed out after 10 s/);
    expect(took).toBeLessThan(25_000);
  });

  it('a silent watch makes the store stale within its deadline: /api/snapshot and the stream say so; thawed, it recovers', {
    timeout: 90_000,
  }, async () => {
    const { store } = await getStore();
    await until('the store to be in sync before the freeze', () => store.snapshot().sync.synced, {
      timeoutMs: 30_000,
    });
    const events = new AbortController();
    const stream = await getEvents(
      new Request(`http://weir.test/api/events?after=${store.sequence()}`, {
        headers: { host: 'weir.test' },
        signal: events.signal,
      }),
    );
    expect(stream.status).toBe(200);
    await controlApiServer(control, 'pause');
    const frozenAt = Date.now();
    try {
      const said = await readStream(stream, (text) => /"stale":true/.test(text), 30_000);
      const staleAfter = Date.now() - frozenAt;
      expect(said).toMatch(/"synced":false/);
      expect(said).toMatch(/no event, no bookmark\) for 4 s/);
      // The deadline, plus the half-deadline watch that may just have begun: never 30 s of "live".
      expect(staleAfter).toBeLessThan((DEADLINE_SECONDS * 2 + 3) * 1000);
      const snapshot = await (await getSnapshot(weirRequest('/api/snapshot'))).json();
      expect(snapshot.sync).toMatchObject({ synced: false, stale: true });
      expect(snapshot.sync.error).toMatch(/may be hung/);
    } finally {
      events.abort();
      await controlApiServer(control, 'resume');
    }
    await until('the store to be in sync again after the thaw', () => store.snapshot().sync.synced, {
      timeoutMs: 30_000,
    });
    const thawed = await (await getSnapshot(weirRequest('/api/snapshot'))).json();
    expect(thawed.sync.synced).toBe(true);
    expect(thawed.sync.stale).toBeUndefined();
    // And it watches again: a change made now arrives.
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'reviews', [30, 70])]);
    await until('the thawed watch to bring the new weights', () => {
      const held = store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' });
      return JSON.stringify(held).includes('"weight":70');
    });
  });

  it('a quiet but healthy API server never makes the store stale (bookmarks and renewed watches)', {
    timeout: 60_000,
  }, async () => {
    const { store } = await getStore();
    await until('the store to be in sync', () => store.snapshot().sync.synced, { timeoutMs: 30_000 });
    const states: boolean[] = [];
    const unsubscribe = store.subscribe((event) => {
      if (event.type === 'sync') states.push(event.sync.synced);
    });
    await new Promise((resolve) => setTimeout(resolve, DEADLINE_SECONDS * 3 * 1000));
    unsubscribe();
    expect(states).toEqual([]);
    expect(store.snapshot().sync.synced).toBe(true);
  });
});
