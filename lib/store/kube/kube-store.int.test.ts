import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { controlApiServer } from '../../../tools/cluster/control-server';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '../../../tools/test/kube';
import { nextEvent } from '../../../tools/test/store-contract';
import { applyManifests, deleteManifests } from '../../kube/apply-manifests';
import type { MeshStore } from '../types';
import { createKubeStore } from './kube-store';

describe('the kube store against the local API server', () => {
  let store: MeshStore;
  let ns: string;

  beforeAll(async () => {
    ns = await createTestNamespace('store');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'first')]);
    store = createKubeStore({ kc: kubeConfigAs('auditor') });
    await store.start();
  });
  afterAll(() => store.stop());

  it('lists what exists at start, and says it is in sync', () => {
    const snapshot = store.snapshot();
    expect(snapshot.objects[`VirtualService/${ns}/first`]).toMatchObject({ kind: 'VirtualService' });
    expect(snapshot.objects[`Namespace//${ns}`]).toMatchObject({ kind: 'Namespace' });
    expect(snapshot.sync).toMatchObject({ backend: 'kube', synced: true });
  });

  it('sees an add, an update and a delete, in order, with growing sequence numbers', async () => {
    const kc = kubeConfigAs('operator');
    const key = `VirtualService/${ns}/second`;
    const added = nextEvent(store, (e) => e.type === 'put' && e.key === key);
    await applyManifests(kc, [canaryVirtualService(ns, 'second', [90, 10])]);
    const a = await added;

    const updated = nextEvent(store, (e) => e.type === 'put' && e.key === key && e.sequence > a.sequence);
    await applyManifests(kc, [canaryVirtualService(ns, 'second', [70, 30])]);
    const u = await updated;
    expect(
      u.type === 'put' && u.object.kind === 'VirtualService' && u.object.spec.http?.[0]?.route?.[1]?.weight,
    ).toBe(30);

    const deleted = nextEvent(store, (e) => e.type === 'delete' && e.key === key);
    await deleteManifests(kc, [canaryVirtualService(ns, 'second')]);
    const d = await deleted;
    expect(d.sequence).toBeGreaterThan(u.sequence);
    expect(store.get({ kind: 'VirtualService', namespace: ns, name: 'second' })).toBeUndefined();
    expect(store.eventsSince(a.sequence - 1)?.map((e) => e.sequence)).toContain(d.sequence);
  });

  it('goes out of sync when the API server stops, and catches up on what changed meanwhile when it is back', async () => {
    const control = inject('control');
    if (!control) return; // a reused cluster cannot be restarted from here
    const down = nextEvent(store, (e) => e.type === 'sync' && !e.sync.synced, 30_000);
    await controlApiServer(control, 'stop');
    await down;
    expect(store.snapshot().sync.synced).toBe(false);

    const up = nextEvent(store, (e) => e.type === 'sync' && e.sync.synced, 60_000);
    await controlApiServer(control, 'start');
    await up;
    const arrived = nextEvent(store, (e) => e.type === 'put' && e.key === `VirtualService/${ns}/third`);
    await applyManifests(kubeConfigAs('operator'), [canaryVirtualService(ns, 'third')]);
    await arrived;
    expect(store.snapshot().sync.synced).toBe(true);
  }, 120_000);
});
