import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseObjectKey } from '../mesh/object-key';
import type { StoredObject } from '../mesh/types';
import { EventLog } from './event-log';
import type { StoreEvent } from './types';

const vs = (namespace: string, name: string) =>
  ({
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace },
    spec: {},
  }) as StoredObject;

describe('EventLog.replaceKind', () => {
  it("with `within`, a list of one namespace replaces what is held there and leaves the others' alone", () => {
    const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
    for (const object of [vs('shop', 'a'), vs('shop', 'b'), vs('payments', 'c')]) log.put(object);
    const inShop = (key: string) => parseObjectKey(key).namespace === 'shop';
    log.replaceKind('VirtualService', new Map([['VirtualService/shop/a', vs('shop', 'a')]]), inShop);
    expect(Object.keys(log.snapshot().objects).sort()).toEqual([
      'VirtualService/payments/c',
      'VirtualService/shop/a',
    ]);
    // Without it, a list is everything of the kind that exists.
    log.replaceKind('VirtualService', new Map());
    expect(Object.keys(log.snapshot().objects)).toEqual([]);
  });
});

describe('EventLog.entries and syncStatus (read in place)', () => {
  it('hold what a snapshot holds after any run of puts, deletes and sync changes', () => {
    const step = fc.oneof(
      fc.record({ put: fc.constantFrom('a', 'b', 'c', 'd'), namespace: fc.constantFrom('shop', 'payments') }),
      fc.record({
        remove: fc.constantFrom('a', 'b', 'c', 'd'),
        namespace: fc.constantFrom('shop', 'payments'),
      }),
      fc.record({ synced: fc.boolean(), error: fc.option(fc.string(), { nil: undefined }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
        for (const [n, s] of steps.entries()) {
          if ('put' in s) log.put({ ...vs(s.namespace, s.put), spec: { hosts: [`h${n}`] } } as StoredObject);
          else if ('remove' in s) log.delete(`VirtualService/${s.namespace}/${s.remove}`);
          else log.setSync(s.synced, s.error);
        }
        const snapshot = log.snapshot();
        expect(Object.fromEntries(log.entries())).toEqual(snapshot.objects);
        const { syncedAt: _a, ...status } = log.syncStatus();
        const { syncedAt: _b, ...held } = snapshot.sync;
        expect(status).toEqual(held);
        // Out of sync, the time is when it last was, the same in both.
        if (!snapshot.sync.synced) expect(log.syncStatus().syncedAt).toBe(snapshot.sync.syncedAt);
      }),
    );
  });
});

describe('EventLog.eventsSince', () => {
  it('replays exactly the events after a sequence while they are kept, and says when they are not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 60 }), (capacity, puts) => {
        const log = new EventLog({ backend: 'kube', source: 'test', demo: false }, capacity);
        const all: StoreEvent[] = [];
        log.subscribe((event) => all.push(event));
        for (let i = 0; i < puts; i++) log.put(vs('shop', `vs-${i % 7}-${i}`));
        const kept = all.slice(-capacity);
        for (let after = -1; after <= puts + 1; after++) {
          const replayed = log.eventsSince(after);
          if (after > puts) expect(replayed).toBeUndefined();
          else if (after === puts) expect(replayed).toEqual([]);
          else if (!kept[0] || kept[0].sequence > after + 1) expect(replayed).toBeUndefined();
          else expect(replayed).toEqual(all.filter((event) => event.sequence > after));
        }
      }),
    );
  });
});

describe('EventLog.meshConfigListEnded (the mesh config read refused: 403)', () => {
  it('says the state unknown before the delete of the ConfigMap held goes out', () => {
    const log = new EventLog({
      backend: 'kube',
      source: 'test',
      demo: false,
      meshConfig: { namespace: 'istio-system', name: 'istio' },
    });
    log.put({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'istio', namespace: 'istio-system' },
      spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
    } as StoredObject);
    const seen: Array<{ type: StoreEvent['type']; unknown?: string }> = [];
    log.subscribe((event) =>
      seen.push({ type: event.type, unknown: log.snapshot().sync.meshConfig?.unknown }),
    );
    log.meshConfigListEnded('ConfigMap', 'Weir may not read istio-system/istio');
    expect(seen).toEqual([
      { type: 'sync', unknown: 'Weir may not read istio-system/istio' },
      { type: 'delete', unknown: 'Weir may not read istio-system/istio' },
    ]);
  });
});
