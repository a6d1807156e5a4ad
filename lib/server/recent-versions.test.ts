import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeshObject, StoredObject } from '../mesh/types';
import { EventLog } from '../store/event-log';
import type { MeshStore } from '../store/types';
import { RecentVersions } from './recent-versions';

const vs = (name: string, resourceVersion: string) =>
  ({
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace: 'shop', resourceVersion },
    spec: { hosts: [`${name}-${resourceVersion}`] },
  }) as MeshObject;

describe('RecentVersions', () => {
  it('answers each object in each of its last 32 versions, held before it started or put after, and nothing else', () => {
    const step = fc.oneof(
      fc.record({ name: fc.constantFrom('a', 'b'), version: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ gone: fc.constantFrom('a', 'b') }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), fc.array(step, { maxLength: 80 }), (before, after) => {
        const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
        const store = {
          entries: () => log.entries(),
          subscribe: (listener: Parameters<EventLog['subscribe']>[0]) => log.subscribe(listener),
        } as unknown as MeshStore;
        // What it should hold: for each name, its versions in the order first seen, at most 32.
        const model = new Map<string, Map<string, MeshObject>>();
        const apply = (s: (typeof before)[number]) => {
          if ('gone' in s) {
            log.delete(`VirtualService/shop/${s.gone}`);
            model.delete(s.gone);
            return;
          }
          const object = vs(s.name, String(s.version));
          log.put(object as StoredObject);
          // A put of what is held already (the same version) makes no event.
          const held = model.get(s.name) ?? new Map<string, MeshObject>();
          held.set(String(s.version), object);
          if (held.size > 32) held.delete(held.keys().next().value as string);
          model.set(s.name, held);
        };
        const current = () => {
          // Only the store's current object survives a start: earlier versions were never seen.
          model.clear();
          for (const [, object] of log.entries()) {
            const { name, resourceVersion } = object.metadata;
            model.set(name, new Map([[resourceVersion as string, object as MeshObject]]));
          }
        };
        for (const s of before) apply(s);
        current();
        const versions = new RecentVersions(store);
        for (const s of after) apply(s);
        for (const name of ['a', 'b'])
          for (let version = 1; version <= 40; version++)
            expect(
              versions.get({ kind: 'VirtualService', namespace: 'shop', name }, String(version)),
            ).toEqual(model.get(name)?.get(String(version)));
      }),
    );
  });

  it('lets the oldest versions go past 32 of one object', () => {
    const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
    log.put(vs('a', '1') as StoredObject);
    const versions = new RecentVersions({
      entries: () => log.entries(),
      subscribe: (listener: Parameters<EventLog['subscribe']>[0]) => log.subscribe(listener),
    } as unknown as MeshStore);
    for (let version = 2; version <= 40; version++) log.put(vs('a', String(version)) as StoredObject);
    const held = Array.from({ length: 40 }, (_, n) => String(n + 1)).filter((version) =>
      versions.get({ kind: 'VirtualService', namespace: 'shop', name: 'a' }, version),
    );
    expect(held).toEqual(Array.from({ length: 32 }, (_, n) => String(n + 9)));
  });
});
