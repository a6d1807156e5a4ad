import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../mesh/types';
import { EventLog } from '../store/event-log';
import type { MeshStore } from '../store/types';
import type { Viewer } from './auth/viewer';
import { overviewFor, overviewPatchFor } from './overview';
import { overviewIndexOf } from './overview-index';
import { ShownOverview } from './overview-shown';

const vs = (namespace: string, name: string) =>
  ({
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name, namespace, resourceVersion: '1' },
    spec: { hosts: [name], http: [{ route: [{ destination: { host: name } }] }] },
  }) as unknown as StoredObject;

function meshOf(...objects: StoredObject[]) {
  const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
  for (const object of objects) log.put(object);
  log.setSync(true);
  // The store's face of the log, as the stores built on it show it.
  const store = {
    subscribe: (listener: Parameters<EventLog['subscribe']>[0]) => log.subscribe(listener),
    snapshot: (namespaces?: string[]) => log.snapshot(namespaces),
    sequence: () => log.lastSequence(),
    syncStatus: () => log.syncStatus(),
    entries: () => log.entries(),
    viewScope: (namespaces: string[]) => log.viewScope(namespaces),
    eventsSince: (sequence: number) => log.eventsSince(sequence),
  } as unknown as MeshStore;
  return { log, store };
}

/** A person who may list everything in `shop` and nothing elsewhere. */
const shopOnly = (store: MeshStore) =>
  ({
    handle: { store },
    visibility: {
      restricted: true,
      mayList: async (_kind: string, namespace: string) => namespace === 'shop',
      mayReadMeshConfig: async () => false,
    },
  }) as unknown as Viewer;

describe('the overview stream’s messages', () => {
  it('never name a namespace hidden from a restricted person, not even as removed', async () => {
    const { log, store } = meshOf(vs('shop', 'catalog'), vs('team-secret', 'acquisition'));
    const viewer = shopOnly(store);
    const index = overviewIndexOf(store);
    const first = await overviewFor(viewer);
    expect(first.namespaces.map((entry) => entry.name)).toEqual(['shop']);
    const shown = new ShownOverview(first, new Set());
    log.put(vs('team-secret', 'merger'));
    const changed = index.changedSince(first.sequence);
    expect(changed).toContain('team-secret');
    // Nothing the person sees changed: no message at all, so none tells them something did.
    expect(await overviewPatchFor(viewer, changed as Set<string>, store.sequence(), shown)).toBeUndefined();
    // A namespace the person was shown and no longer sees is still removed.
    log.delete('VirtualService/shop/catalog');
    const gone = await overviewPatchFor(viewer, new Set(['shop', 'team-secret']), store.sequence(), shown);
    expect(gone?.removed).toEqual(['shop']);
    expect(JSON.stringify(gone)).not.toContain('team-secret');
    // Without what they were shown, no namespace is named as removed to them.
    const blind = await overviewPatchFor(viewer, new Set(['shop', 'team-secret']), store.sequence());
    expect(blind?.removed ?? []).toEqual([]);
  });

  it('say reset for a sequence newer than the store (a browser that read a server before its restart)', () => {
    const { store } = meshOf(vs('shop', 'catalog'));
    const index = overviewIndexOf(store);
    expect(index.changedSince(store.sequence())).toEqual(new Set());
    expect(index.changedSince(store.sequence() + 60_000)).toBeUndefined();
  });
});
