import https from 'node:https';
import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../../tools/test/kube';
import { applyManifests } from './apply-manifests';
import { PAGE_SIZE, type RawObject, startInformer } from './informer';
import { RESOURCE_TYPES } from './resources';

describe('the informer against the local API server', () => {
  it('lists a kind that spans several pages whole: every object once, in one full list', async () => {
    const ns = await createTestNamespace('pages');
    const names = Array.from({ length: PAGE_SIZE * 2 + 1 }, (_, n) => `vs-${n}`);
    await applyManifests(
      kubeConfigAs('admin'),
      names.map((name) => canaryVirtualService(ns, name)),
    );
    const lists: string[][] = [];
    const informer = startInformer<RawObject>(
      kubeConfigAs('auditor'),
      RESOURCE_TYPES.VirtualService,
      {
        read: (raw) => raw,
        onList: (items) => lists.push(items.map((item) => item.metadata?.name ?? '')),
        onEvent: () => {},
        onSync: () => {},
      },
      { namespace: ns },
    );
    try {
      await informer.ready;
      expect(lists).toHaveLength(1);
      expect([...(lists[0] ?? [])].sort()).toEqual([...names].sort());
    } finally {
      informer.stop();
    }
  }, 120_000);
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
