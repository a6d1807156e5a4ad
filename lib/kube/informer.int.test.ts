import { randomBytes } from 'node:crypto';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it, vi } from 'vitest';
import { startCluster } from '../../tools/cluster/cluster';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { applyManifests } from './apply-manifests';
import { PAGE_SIZE, type RawObject, startInformer } from './informer';
import { loadKubeConfig } from './kube-config';
import { RESOURCE_TYPES } from './resources';

/** The path and query of every request sent through https.request until `restore`. */
function recordRequests(): { paths: string[]; restore(): void } {
  const paths: string[] = [];
  const original = https.request.bind(https);
  const spy = vi.spyOn(https, 'request').mockImplementation(((...args: Parameters<typeof https.request>) => {
    const [target] = args;
    paths.push(target instanceof URL ? `${target.pathname}${target.search}` : String(target));
    return original(...args);
  }) as typeof https.request);
  return { paths, restore: () => spy.mockRestore() };
}

/** `count` canary VirtualServices in a new namespace: its name and theirs. */
async function namespaceOfVirtualServices(prefix: string, count: number, kc = kubeConfigAs('admin')) {
  const ns = `${prefix}-${randomBytes(3).toString('hex')}`;
  const names = Array.from({ length: count }, (_, n) => `vs-${n}`);
  await applyManifests(kc, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await applyManifests(
    kc,
    names.map((name) => canaryVirtualService(ns, name)),
  );
  return { ns, names };
}

/**
 * An informer of the namespace's VirtualServices keeping the names it holds (its full lists,
 * then its events), and every full list it was given.
 */
function watchNames(kc: KubeConfig, ns: string, streamList?: boolean) {
  const held = new Set<string>();
  const lists: string[][] = [];
  const informer = startInformer<RawObject>(
    kc,
    RESOURCE_TYPES.VirtualService,
    {
      read: (raw) => raw,
      onList(items) {
        const names = items.map((item) => item.metadata?.name ?? '');
        lists.push(names);
        held.clear();
        for (const name of names) held.add(name);
      },
      onEvent(type, object) {
        const name = object.metadata?.name ?? '';
        if (type === 'DELETED') held.delete(name);
        else held.add(name);
      },
      onSync: () => {},
    },
    { namespace: ns, ...(streamList !== undefined && { streamList }) },
  );
  return { informer, held, lists };
}

async function until(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the informer against the local API server', () => {
  it.each([
    ['streamed (one watch, its first events)', true],
    ['in pages', false],
  ])(
    'lists a kind that spans several pages whole, %s: every object once, in one full list',
    async (_, streamList) => {
      const { ns, names } = await namespaceOfVirtualServices('pages', PAGE_SIZE * 2 + 1);
      const requests = recordRequests();
      const { informer, lists } = watchNames(kubeConfigAs('auditor'), ns, streamList);
      try {
        await informer.ready;
        expect(lists).toHaveLength(1);
        expect([...(lists[0] ?? [])].sort()).toEqual([...names].sort());
      } finally {
        informer.stop();
        requests.restore();
      }
      const listed = requests.paths.filter((path) => path.includes('limit='));
      const streamed = requests.paths.filter((path) => path.includes('sendInitialEvents=true'));
      // Streamed: no page asked for; in pages: three of them, and no streaming watch.
      expect([listed.length, streamed.length]).toEqual(streamList ? [0, 1] : [3, 0]);
    },
    120_000,
  );

  it('a streamed list, then its watch: what is created while it starts is held, none lost', async () => {
    const kc = kubeConfigAs('admin');
    const { ns, names } = await namespaceOfVirtualServices('stream', 300, kc);
    const { informer, held } = watchNames(kubeConfigAs('auditor'), ns);
    const more = Array.from({ length: 60 }, (_, n) => `more-${n}`);
    try {
      // Created one batch after another while the informer lists and watches.
      for (let at = 0; at < more.length; at += 10)
        await applyManifests(
          kc,
          more.slice(at, at + 10).map((name) => canaryVirtualService(ns, name)),
        );
      await informer.ready;
      const all = [...names, ...more].sort();
      await until('the informer holds every VirtualService created', () => held.size === all.length);
      expect([...held].sort()).toEqual(all);
    } finally {
      informer.stop();
    }
  }, 120_000);
});

describe('an informer on an API server without streaming lists (WatchList off)', () => {
  it('lists in pages when the server refuses a streamed list, then watches', async () => {
    const cluster = await startCluster({ apiServerArgs: ['--feature-gates=WatchList=false'] });
    try {
      const admin = loadKubeConfig({ kubeconfig: cluster.kubeconfig, context: 'admin' });
      const { ns, names } = await namespaceOfVirtualServices('refused', PAGE_SIZE + 1, admin);
      const requests = recordRequests();
      const { informer, held, lists } = watchNames(admin, ns);
      try {
        await informer.ready;
        expect(lists).toHaveLength(1);
        expect([...(lists[0] ?? [])].sort()).toEqual([...names].sort());
        await applyManifests(admin, [canaryVirtualService(ns, 'after')]);
        await until('the informer hears of a VirtualService created after its list', () => held.has('after'));
      } finally {
        informer.stop();
        requests.restore();
      }
      // One streamed list asked for (refused), then two pages, then plain watches.
      expect(requests.paths.filter((path) => path.includes('sendInitialEvents=true'))).toHaveLength(1);
      expect(requests.paths.filter((path) => path.includes('limit='))).toHaveLength(2);
    } finally {
      await cluster.stop();
    }
  }, 180_000);
});

describe('an informer renewing its watch', () => {
  it('reuses its kept-alive connection: no new TLS handshake for each renewal', async () => {
    const ns = await createTestNamespace('renew');
    // The sockets the informer's requests ran on (it sends them through https.request).
    const sockets = new Set<Socket>();
    const kc = kubeConfigAs('auditor');
    const original = https.request.bind(https);
    const request = vi.spyOn(https, 'request').mockImplementation(((
      ...args: Parameters<typeof https.request>
    ) => {
      const sent = original(...args);
      sent.once('socket', (socket: Socket) => sockets.add(socket));
      return sent;
    }) as typeof https.request);
    let opened = 0;
    // A 2 s deadline renews the watch every second (half a deadline, rounded down).
    const informer = startInformer<RawObject>(
      kc,
      RESOURCE_TYPES.VirtualService,
      { read: (raw) => raw, onList: () => {}, onEvent: () => {}, onSync: (synced) => synced && opened++ },
      { namespace: ns, deadlineMs: 2_000 },
    );
    try {
      await informer.ready;
      const deadline = Date.now() + 20_000;
      while (opened < 5) {
        if (Date.now() > deadline) throw new Error(`the watch was opened ${opened} times in 20 s, not 5`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      informer.stop();
      request.mockRestore();
    }
    // The list and five watches, one after another, over one socket (two at most if the API
    // server closed one between): not one per watch.
    expect(sockets.size).toBeGreaterThan(0);
    expect(sockets.size).toBeLessThanOrEqual(2);
  }, 60_000);
});
