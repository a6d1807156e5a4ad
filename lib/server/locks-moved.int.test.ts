import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { type LocalCluster, startCluster } from '../../tools/cluster/cluster';
import { canaryVirtualService, createTestNamespace, istioRollout, kubeConfigAs } from '../../tools/test/kube';
import { until } from '../../tools/test/until';
import { applyManifests } from '../kube/apply-manifests';
import { type ControllerWatch, watchControllers } from '../kube/controller-watch';
import { type KubeConfig, loadKubeConfig } from '../kube/kube-config';
import { kubeRequest } from '../kube/request';
import { createKubeStore } from '../store/kube/kube-store';
import type { MeshStore } from '../store/types';
import { RecentVersions } from './recent-versions';
import { submitChange } from './submit-change';

interface RawVs {
  metadata: { resourceVersion: string };
  spec: { http: Array<{ route: Array<{ weight: number }> }> };
}

/** The API server's newest resourceVersion (etcd's revision: a number, on this API server). */
const revisionOf = async (kc: KubeConfig) =>
  Number(
    (
      await kubeRequest<{ metadata: { resourceVersion: string } }>(kc, {
        method: 'GET',
        path: '/api/v1/namespaces',
        query: { limit: '1' },
      })
    ).metadata.resourceVersion,
  );

// Weir's kubeconfig names one cluster, whose Rollout owns a VirtualService; the cluster is torn
// down and the file rewritten to name another, where that VirtualService exists and no Rollout
// does (a kind cluster made again elsewhere). The store follows (kube-store's followKubeconfig);
// the lock check must follow too, not judge writes by the old cluster's Rollouts.
describe('locks after the kubeconfig is rewritten to name another cluster (local API servers)', () => {
  it('drops the old cluster’s Rollouts and watches the new cluster’s', async () => {
    const old: LocalCluster = await startCluster();
    let oldRunning = true;
    let store: MeshStore | undefined;
    let controllers: ControllerWatch | undefined;
    try {
      const ns = await createTestNamespace('locks-moved');
      const oldAdmin = loadKubeConfig({ kubeconfig: old.kubeconfig, context: 'admin' });
      await applyManifests(oldAdmin, [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        canaryVirtualService(ns, 'rolled', [90, 10]),
        istioRollout(ns, 'rolled'),
      ]);
      const admin = kubeConfigAs('admin');
      await applyManifests(admin, [canaryVirtualService(ns, 'rolled', [90, 10])]);

      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'weir-moved-')), 'kubeconfig');
      copyFileSync(old.kubeconfig, file);
      const kc = loadKubeConfig({ kubeconfig: file, context: 'operator' });
      store = createKubeStore({ kc });
      await store.start();
      controllers = watchControllers(kc);
      const watched = controllers;
      const ownedByRollout = () =>
        watched.rollouts()?.some((rollout) => rollout.namespace === ns && rollout.name === 'rolled');
      await until('the old cluster’s Rollout held by its watch', ownedByRollout);
      const before = store.snapshot().sync.source;

      // The new cluster ahead of the old one's versions, as a busier cluster is: a watch resumed
      // there from the old cluster's version is accepted, and keeps what it held.
      const oldRevision = await revisionOf(oldAdmin);
      while ((await revisionOf(admin)) <= oldRevision + 100) {
        await applyManifests(admin, [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'revisions', namespace: ns },
            data: { at: String(Math.random()) },
          },
        ]);
      }
      copyFileSync(inject('kubeconfig'), file);
      await old.stop();
      oldRunning = false;

      const moved = store;
      await until(
        'the store in sync with the new cluster',
        () => {
          const { sync } = moved.snapshot();
          return sync.synced && sync.source !== before;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      await until('the controller watches in sync again', () => watched.rollouts(), { timeoutMs: 30_000 });
      expect(ownedByRollout()).toBe(false);

      // And so a write there goes through: no Rollout owns that VirtualService on this cluster.
      const vsPath = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/rolled`;
      const { metadata } = await kubeRequest<RawVs>(admin, { method: 'GET', path: vsPath });
      await until(
        'the new cluster’s VirtualService in the store',
        () =>
          moved.get({ kind: 'VirtualService', namespace: ns, name: 'rolled' })?.metadata.resourceVersion ===
          metadata.resourceVersion,
      );
      await submitChange(
        { store: moved, versions: new RecentVersions(moved), kube: kc, controllers: watched },
        { user: 'olivia.operator' },
        {
          change: {
            kind: 'SetWeights',
            target: { kind: 'VirtualService', namespace: ns, name: 'rolled' },
            routeKind: 'http',
            routeIndex: 0,
            weights: [60, 40],
          },
          resourceVersion: metadata.resourceVersion,
        },
      );
      const written = await kubeRequest<RawVs>(admin, { method: 'GET', path: vsPath });
      expect(written.spec.http[0]?.route.map((r) => r.weight)).toEqual([60, 40]);
    } finally {
      controllers?.stop();
      await store?.stop();
      if (oldRunning) await old.stop();
    }
  }, 240_000);
});
