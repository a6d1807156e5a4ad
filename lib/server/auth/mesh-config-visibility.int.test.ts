import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import { applyManifests, deleteManifests } from '@/lib/kube/apply-manifests';
import { meshOutbound, namespaceOutbound } from '@/lib/mesh/outbound-policy';
import type { MeshSnapshot } from '@/lib/mesh/types';
import type { StoreEvent } from '@/lib/store/types';
import { kubeConfigAs } from '@/tools/test/kube';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../../tools/test/until';
import { closeStore, getStore } from '../store';
import { viewerOf } from './viewer';
import { eventFilter } from './visibility';

// Weir's own identity reads the mesh config; a person with neither `get` nor `list` on it is
// not told the policy it sets: to them it is unknown (the person behind the request,
// WEIR_AUTH=header). Either verb reads it from the API server, so either shows it in Weir.
const MESH_CONFIG = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'istio', namespace: 'istio-system' },
  data: { mesh: 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' },
};

/** A Role in istio-system granting `verbs` on the ConfigMap `name` alone, bound to `user`. */
const meshConfigRight = (user: string, verbs: string[], name = 'istio') => [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: `mesh-config-${user}`, namespace: 'istio-system' },
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs, resourceNames: [name] }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `mesh-config-${user}`, namespace: 'istio-system' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `mesh-config-${user}` },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  },
];
const RIGHTS = [
  ...meshConfigRight('gina.getter', ['get']),
  ...meshConfigRight('lars.lister', ['list']),
  ...meshConfigRight('wade.watcher', ['watch']),
  ...meshConfigRight('otto.other', ['get', 'list'], 'istio-other'),
];

describe('the mesh config as each person may see it', () => {
  const as = (user: string, groups: string[]) => ({
    'x-forwarded-user': user,
    'x-forwarded-groups': groups.join(', '),
  });
  const operator = as('olivia.operator', ['weir:operators']);
  const auditor = as('arthur.auditor', ['weir:auditors']);
  const snapshotAs = async (headers: Record<string, string>): Promise<MeshSnapshot> =>
    (await getSnapshot(weirRequest('/api/snapshot', { headers }))).json();

  beforeAll(async () => {
    useTestCluster('header');
    await applyManifests(kubeConfigAs('admin'), [MESH_CONFIG, ...RIGHTS]);
    const { store } = await getStore();
    await until('the mesh config in the cache', () =>
      store.get({ kind: 'ConfigMap', namespace: 'istio-system', name: 'istio' }),
    );
  });
  afterAll(async () => {
    await closeStore();
    // The files after this one find the mesh config as they would without it: absent.
    await deleteManifests(kubeConfigAs('admin'), [MESH_CONFIG, ...RIGHTS]);
  });

  it('an operator (get on istio-system/istio) sees it and the policy it sets', async () => {
    const snapshot = await snapshotAs(operator);
    expect(snapshot.sync.meshConfig).toEqual({ namespace: 'istio-system', name: 'istio' });
    expect(snapshot.objects['ConfigMap/istio-system/istio']).toBeDefined();
    const policy = namespaceOutbound(
      meshOutbound(Object.values(snapshot.objects), snapshot.sync.meshConfig),
      'x',
    );
    expect(policy).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'mesh-config' });
  });

  it('an auditor (no right on it) gets neither the ConfigMap nor the policy: unknown, saying why', async () => {
    const snapshot = await snapshotAs(auditor);
    expect(snapshot.objects['ConfigMap/istio-system/istio']).toBeUndefined();
    expect(snapshot.sync.meshConfig).toEqual({
      namespace: 'istio-system',
      name: 'istio',
      unknown: 'you may not read istio-system/istio',
    });
    const policy = namespaceOutbound(
      meshOutbound(Object.values(snapshot.objects), snapshot.sync.meshConfig),
      'x',
    );
    expect(policy).toMatchObject({ mode: 'unknown', unknown: 'you may not read istio-system/istio' });
  });

  it("a sync event on the auditor's stream says so too; the operator's goes as it is", async () => {
    const { store } = await getStore();
    const event: StoreEvent = { sequence: store.sequence(), type: 'sync', sync: store.snapshot().sync };
    const forAuditor = eventFilter(
      (await viewerOf(weirRequest('/api/events', { headers: auditor }))).visibility,
    );
    const sent = await forAuditor?.(event);
    expect(sent).toMatchObject({
      type: 'sync',
      sync: { meshConfig: { unknown: 'you may not read istio-system/istio' } },
    });
    const forOperator = eventFilter(
      (await viewerOf(weirRequest('/api/events', { headers: operator }))).visibility,
    );
    expect(await forOperator?.(event)).toBe(true);
  });

  // Weir reads the mesh config with a list and watch field-selected by its name; a person
  // reads it with either `get` or `list` on that name. Whoever holds one of them sees it.
  it.each([
    ['gina.getter', '`get` alone'],
    ['lars.lister', '`list` alone'],
  ])('%s (%s on istio-system/istio) sees it and the policy it sets', async (user) => {
    const person = { 'x-forwarded-user': user };
    expect(
      await (
        await viewerOf(weirRequest('/api/snapshot', { headers: person }))
      ).visibility.mayReadMeshConfig(),
    ).toBe(true);
    const snapshot = await snapshotAs(person);
    expect(snapshot.sync.meshConfig).toEqual({ namespace: 'istio-system', name: 'istio' });
    expect(snapshot.objects['ConfigMap/istio-system/istio']).toBeDefined();
    expect(
      namespaceOutbound(meshOutbound(Object.values(snapshot.objects), snapshot.sync.meshConfig), 'x'),
    ).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'mesh-config' });
  });

  it.each([
    ['wade.watcher', '`watch` alone: neither verb that reads it'],
    ['otto.other', '`get` and `list` on another ConfigMap of istio-system'],
  ])('%s (%s) is not told it', async (user) => {
    const person = { 'x-forwarded-user': user };
    expect(
      await (
        await viewerOf(weirRequest('/api/snapshot', { headers: person }))
      ).visibility.mayReadMeshConfig(),
    ).toBe(false);
    const snapshot = await snapshotAs(person);
    expect(snapshot.objects['ConfigMap/istio-system/istio']).toBeUndefined();
    expect(snapshot.sync.meshConfig?.unknown).toBe('you may not read istio-system/istio');
  });
});
