import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, kubeConfigAs } from '../../../tools/test/kube';
import { until } from '../../../tools/test/until';
import { applyManifests, deleteManifests, type Manifest } from '../../kube/apply-manifests';
import { meshOutbound, namespaceOutbound } from '../../mesh/outbound-policy';
import type { MeshConfigPlace } from '../../mesh/types';
import { validate } from '../../validate';
import type { MeshStore } from '../types';
import { createKubeStore } from './kube-store';

// Limited to some namespaces (WEIR_NAMESPACES), Weir still reads the Sidecars of Istio's root
// namespace, which set every namespace's default outbound policy, and the mesh config: a
// root Sidecar saying REGISTRY_ONLY blocks an unknown host in a namespace Weir is limited to.
const ISTIO = 'networking.istio.io/v1';
const HOST = 'api.root-sidecars.example';

describe('a store limited to namespaces and the root namespace’s Sidecars', () => {
  const admin = () => kubeConfigAs('admin');
  const stores: MeshStore[] = [];
  let ns: string;
  // Everything applied, deleted after: the files after this one share the API server (a
  // REGISTRY_ONLY Sidecar left behind blocks their routes; a RoleBinding shows them a namespace).
  const applied: Manifest[] = [];
  const apply = async (manifests: Manifest[]) => {
    applied.push(...manifests);
    await applyManifests(admin(), manifests);
  };
  const started = async (options: Parameters<typeof createKubeStore>[0]) => {
    const store = createKubeStore(options);
    stores.push(store);
    await store.start();
    return store;
  };
  const sidecar = (namespace: string, mode: string) => ({
    apiVersion: ISTIO,
    kind: 'Sidecar',
    metadata: { name: 'default', namespace },
    spec: { outboundTrafficPolicy: { mode } },
  });
  const meshConfig = (place: MeshConfigPlace, mesh: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { ...place },
    data: { mesh },
  });
  const codes = (store: MeshStore) =>
    validate(store.snapshot([ns]))
      .filter((finding) => finding.ref.namespace === ns)
      .map((finding) => finding.code);
  const policy = (store: MeshStore) => {
    const snapshot = store.snapshot();
    return namespaceOutbound(meshOutbound(Object.values(snapshot.objects), snapshot.sync.meshConfig), ns);
  };

  beforeAll(async () => {
    ns = await createTestNamespace('limited');
    await apply([
      {
        apiVersion: ISTIO,
        kind: 'VirtualService',
        metadata: { name: 'api', namespace: ns },
        spec: { hosts: [HOST], exportTo: ['.'], http: [{ route: [{ destination: { host: HOST } }] }] },
      },
    ]);
  });
  afterAll(async () => {
    for (const store of stores) await store.stop();
    await deleteManifests(admin(), applied);
  });

  it('reads the Sidecars of the root the mesh config names, and of one it names later', async () => {
    const home = await createTestNamespace('mesh-home');
    const root = await createTestNamespace('mesh-root');
    const later = await createTestNamespace('mesh-later');
    const place = { namespace: home, name: 'istio' };
    await apply([
      meshConfig(place, `rootNamespace: ${root}`),
      sidecar(root, 'REGISTRY_ONLY'),
      sidecar(later, 'REGISTRY_ONLY'),
    ]);
    const store = await started({ kc: admin(), namespaces: [ns], meshConfig: place });
    expect(store.snapshot().sync.synced).toBe(true);
    expect(policy(store)).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'sidecar' });
    expect(policy(store).sidecar?.metadata.namespace).toBe(root);
    expect(codes(store)).toContain('OUTBOUND_HOST_BLOCKED');
    // Only the root's Sidecars: not the other namespaces' (`later` is no root yet).
    expect(
      Object.keys(store.snapshot().objects).filter((key) => key.startsWith(`Sidecar/${later}/`)),
    ).toEqual([]);

    // The mesh config names a root nothing is held of: ALLOW_ANY (Istio's default) until read there.
    await apply([meshConfig(place, `rootNamespace: ${home}`)]);
    await until(
      'the policy of the new root (none there: ALLOW_ANY)',
      () => policy(store).mode === 'ALLOW_ANY',
    );
    expect(codes(store)).not.toContain('OUTBOUND_HOST_BLOCKED');
    await apply([meshConfig(place, `rootNamespace: ${later}`)]);
    await until(
      'the Sidecar of the root named later, read',
      () => policy(store).sidecar?.metadata.namespace === later,
    );
    expect(codes(store)).toContain('OUTBOUND_HOST_BLOCKED');
  }, 30_000);

  it('where Weir may read the mesh config but not the root’s Sidecars: unknown, not ALLOW_ANY', async () => {
    const home = await createTestNamespace('mesh-home');
    const place = { namespace: home, name: 'istio' };
    // The outsider (bound to nothing else) may read the route's namespace and the mesh config.
    await apply([
      meshConfig(place, '{}'),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'outsider-reads', namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'weir-reader' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'oscar.outsider' }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'mesh-config', namespace: home },
        rules: [
          {
            apiGroups: [''],
            resources: ['configmaps'],
            verbs: ['get', 'list', 'watch'],
            resourceNames: ['istio'],
          },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'mesh-config', namespace: home },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'mesh-config' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'oscar.outsider' }],
      },
    ]);
    const store = await started({
      kc: kubeConfigAs('outsider'),
      namespaces: [ns],
      meshConfig: place,
      startTimeoutMs: 5_000,
    });
    await until('the route and the mesh config read', () =>
      Boolean(
        store.get({ kind: 'VirtualService', namespace: ns, name: 'api' }) &&
          store.get({ kind: 'ConfigMap', ...place }),
      ),
    );
    // Names no root: istio-system, whose Sidecars the outsider may not list.
    await until('the policy unknown for want of the root Sidecars', () => policy(store).mode === 'unknown');
    expect(policy(store).unknown).toBe('Weir may not read the Sidecars of istio-system, the root namespace');
    expect(codes(store)).toContain('VS_EXTERNAL_HOST_UNKNOWN');
  }, 30_000);
});
