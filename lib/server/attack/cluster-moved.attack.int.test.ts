import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { controlApiServer } from '@/tools/cluster/control-server';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { until } from '@/tools/test/until';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { closeStore, getStore } from '../store';

// The control server is there only when this run started the cluster (or names it).
const control = inject('control');

describe.skipIf(!control)('a cluster that comes back on a new port and certificate (item 14)', () => {
  let ns: string;
  beforeAll(async () => {
    useTestCluster('local', 'operator');
    ns = await createTestNamespace('moved');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'reviews')]);
    const { store } = await getStore();
    await until(`Weir's watch to see VirtualService ${ns}/reviews`, () =>
      store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' }),
    );
  });
  afterAll(() => closeStore());

  it('Weir re-reads its kubeconfig after repeated connection failures and follows the cluster', {
    timeout: 120_000,
  }, async () => {
    const { store } = await getStore();
    const before = store.snapshot().sync.source;
    // kube-apiserver restarts on another port with a certificate from a new CA, and the
    // kubeconfig is rewritten, as recreating a local cluster does; Weir is not restarted.
    await controlApiServer(control, 'move');
    await until(
      'Weir to be in sync with the moved API server',
      () => {
        const { sync } = store.snapshot();
        return sync.synced && sync.source !== before;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const snapshot = await (await getSnapshot(weirRequest('/api/snapshot'))).json();
    expect(snapshot.sync.synced).toBe(true);
    expect(snapshot.sync.source).not.toBe(before);
    // It reads and watches there: a change made on the moved cluster arrives.
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'reviews', [40, 60])]);
    await until('the moved watch to bring the new weights', () =>
      JSON.stringify(store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' })).includes(
        '"weight":60',
      ),
    );
  });
});
