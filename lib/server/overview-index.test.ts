import { describe, expect, it, vi } from 'vitest';
import type { StoredObject } from '../mesh/types';
import { EventLog } from '../store/event-log';
import type { MeshStore } from '../store/types';

const vs = (namespace: string, name: string) =>
  ({
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace, resourceVersion: '1' },
    spec: { hosts: [name], http: [{ route: [{ destination: { host: name } }] }] },
  }) as unknown as StoredObject;

function storeOf(...objects: StoredObject[]): { log: EventLog; store: MeshStore } {
  const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
  for (const object of objects) log.put(object);
  log.setSync(true);
  const store = {
    subscribe: (listener: Parameters<EventLog['subscribe']>[0]) => log.subscribe(listener),
    snapshot: (namespaces?: string[]) => log.snapshot(namespaces),
    sequence: () => log.lastSequence(),
    syncStatus: () => log.syncStatus(),
    entries: () => log.entries(),
  } as unknown as MeshStore;
  return { log, store };
}

describe('overviewIndexOf', () => {
  it('makes one index per store, whichever copy of the module asks (the pages and the route handlers are bundled apart)', async () => {
    const { log, store } = storeOf(vs('shop', 'cart'));
    const first = await import('./overview-index');
    vi.resetModules();
    const second = await import('./overview-index');
    expect(second).not.toBe(first);
    const index = first.overviewIndexOf(store);
    expect(second.overviewIndexOf(store)).toBe(index);
    // Kept by the store's events once, not once per copy.
    let heard = 0;
    index.listen(() => heard++);
    log.put(vs('shop', 'checkout'));
    expect(heard).toBe(1);
    expect(index.search.search('checkout').map((hit) => hit.name)).toEqual(['checkout']);
  });

  it('makes another index for another store', async () => {
    const { overviewIndexOf } = await import('./overview-index');
    const one = storeOf(vs('shop', 'cart')).store;
    const other = storeOf(vs('shop', 'cart')).store;
    expect(overviewIndexOf(other)).not.toBe(overviewIndexOf(one));
  });
});
