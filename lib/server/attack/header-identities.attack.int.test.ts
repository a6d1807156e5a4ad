import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postChange } from '@/app/api/changes/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests } from '@/lib/kube/apply-manifests';
import { kubeConfigFor } from '@/lib/kube/kube-config';
import { kubeRequest } from '@/lib/kube/request';
import { canaryVirtualService, createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { closeStore, getStore } from '../store';

type Weighted = {
  metadata: { resourceVersion: string };
  spec: { http: Array<{ route: Array<{ weight: number }> }> };
};

describe('header mode never impersonates a system: identity (item 3)', () => {
  let ns: string;
  let path: string;
  beforeAll(async () => {
    useTestCluster('header');
    ns = await createTestNamespace('system-names');
    await applyManifests(kubeConfigAs('admin'), [canaryVirtualService(ns, 'reviews')]);
    path = `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices/reviews`;
    const { store } = await getStore();
    for (let i = 0; !store.get({ kind: 'VirtualService', namespace: ns, name: 'reviews' }); i++) {
      if (i > 100) throw new Error(`Weir's watch never saw VirtualService ${ns}/reviews`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(() => closeStore());

  const read = () => kubeRequest<Weighted>(kubeConfigAs('admin'), { method: 'GET', path });

  it.each([
    ['mallory', 'system:masters'],
    ['system:kube-controller-manager', ''],
    ['system:admin', ''],
    ['mallory', 'weir:operators, system:masters'],
  ])('user %j with groups %j: 403 on reads and writes, nothing written', async (user, groups) => {
    const headers = { 'x-forwarded-user': user, ...(groups && { 'x-forwarded-groups': groups }) };
    const snapshot = await getSnapshot(weirRequest('/api/snapshot', { headers }));
    expect(snapshot.status).toBe(403);
    expect((await snapshot.json()).error.message).toMatch(/reserved system: space/);
    const before = await read();
    const change = {
      change: {
        kind: 'SetWeights',
        target: { kind: 'VirtualService', namespace: ns, name: 'reviews' },
        routeKind: 'http',
        routeIndex: 0,
        weights: [0, 100],
      },
      resourceVersion: before.metadata.resourceVersion,
    };
    const written = await postChange(weirRequest('/api/changes', { method: 'POST', body: change, headers }));
    expect(written.status).toBe(403);
    expect((await read()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("Weir's own credential may impersonate only the groups its people are bound through", async () => {
    // Straight at the API server with Weir's credential: the role itself refuses system:masters.
    const as = (groups: string[]) =>
      kubeConfigFor(kubeConfigAs('weir'), { impersonate: { user: 'mallory', groups } });
    const namespace = { method: 'GET' as const, path: `/api/v1/namespaces/${ns}` };
    await expect(kubeRequest(as(['system:masters']), namespace)).rejects.toMatchObject({ code: 'Forbidden' });
    // The operators group is one Weir may impersonate (and it may read namespaces).
    await expect(kubeRequest(as(['weir:operators']), namespace)).resolves.toMatchObject({
      kind: 'Namespace',
    });
  });
});
