import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/changes/route';
import { applyManifests, deleteManifests } from '@/lib/kube/apply-manifests';
import { createTestNamespace, kubeConfigAs } from '@/tools/test/kube';
import { useTestCluster, weirRequest } from '@/tools/test/weir-routes';
import { until } from '../../tools/test/until';
import { closeStore, getStore } from './store';

// The write gate judges a change with the mesh config as the person may see it: someone who
// may write routes but not read istio-system/istio is neither refused for nor told the
// REGISTRY_ONLY it sets (the finding is the unknown-policy warning), on every write path.
const ISTIO = 'networking.istio.io/v1';
const HOST = 'api.gate.example';
const MESH_CONFIG = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'istio', namespace: 'istio-system' },
  data: { mesh: 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' },
};
const USER = 'rita.routes';
// An auditor (reads routes, not the mesh config) who may also write routes.
const BINDINGS = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'test-gate-routing-editor' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'weir-routing-editor' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: USER }],
  },
];

describe('the write gate and the mesh config a person may not read', () => {
  let ns: string;
  const editor = { 'x-forwarded-user': USER, 'x-forwarded-groups': 'weir:auditors' };
  const operator = { 'x-forwarded-user': 'olivia.operator', 'x-forwarded-groups': 'weir:operators' };
  const external = (name: string) => ({
    apiVersion: ISTIO,
    kind: 'VirtualService',
    metadata: { name, namespace: ns },
    spec: { hosts: [HOST], http: [{ route: [{ destination: { host: HOST } }] }] },
  });
  const send = async (headers: Record<string, string>, body: unknown) => {
    const response = await POST(weirRequest('/api/changes', { method: 'POST', headers, body }));
    return { status: response.status, json: await response.json() };
  };
  const create = (name: string) => ({
    change: {
      kind: 'CreateObject',
      target: { kind: 'VirtualService', namespace: ns, name },
      object: external(name),
    },
    dryRun: true,
  });

  beforeAll(async () => {
    useTestCluster('header');
    ns = await createTestNamespace('gate-mesh');
    await applyManifests(kubeConfigAs('admin'), [
      MESH_CONFIG,
      ...BINDINGS,
      {
        apiVersion: ISTIO,
        kind: 'VirtualService',
        metadata: { name: 'held', namespace: ns },
        spec: { hosts: ['held'], http: [{ route: [{ destination: { host: 'held' } }] }] },
      },
    ]);
    const { store } = await getStore();
    await until('the mesh config and the route in the cache', () => {
      const config = store.get({ kind: 'ConfigMap', namespace: 'istio-system', name: 'istio' });
      return (
        config?.kind === 'ConfigMap' &&
        config.spec.outboundTrafficPolicy?.mode === 'REGISTRY_ONLY' &&
        store.get({ kind: 'VirtualService', namespace: ns, name: 'held' })
      );
    });
  });
  afterAll(async () => {
    await closeStore();
    await deleteManifests(kubeConfigAs('admin'), [MESH_CONFIG, ...BINDINGS]);
  });

  it('an operator (who may read it) is refused, naming the policy: the setup blocks the host', async () => {
    const { status, json } = await send(operator, create('op'));
    expect(status).toBe(422);
    expect(JSON.stringify(json)).toContain('OUTBOUND_HOST_BLOCKED');
  });

  const notTold = (result: { status: number; json: unknown }) => {
    expect(result.status, JSON.stringify(result.json).slice(0, 400)).toBe(200);
    const text = JSON.stringify(result.json);
    expect(text).not.toContain('OUTBOUND_HOST_BLOCKED');
    expect(text).toContain('VS_EXTERNAL_HOST_UNKNOWN');
    expect(text).toContain('you may not read istio-system/istio');
  };

  it('a create: the unknown-policy warning, no refusal naming REGISTRY_ONLY', async () => {
    notTold(await send(editor, create('ed')));
  });

  it('an edit: the same', async () => {
    const { store } = await getStore();
    const held = store.get({ kind: 'VirtualService', namespace: ns, name: 'held' });
    notTold(
      await send(editor, {
        change: {
          kind: 'SetSpec',
          target: { kind: 'VirtualService', namespace: ns, name: 'held' },
          spec: external('held').spec,
        },
        resourceVersion: held?.metadata.resourceVersion,
        dryRun: true,
      }),
    );
  });

  it('a set: the same', async () => {
    notTold(
      await send(editor, {
        change: {
          kind: 'ChangeSet',
          target: { kind: 'VirtualService', namespace: ns, name: 'set-a' },
          title: 'an external route',
          changes: [create('set-a').change],
        },
        dryRun: true,
      }),
    );
  });
});
