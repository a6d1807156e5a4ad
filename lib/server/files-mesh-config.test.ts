import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as getFindings } from '@/app/api/findings/route';
import { GET as getSnapshot } from '@/app/api/snapshot/route';
import type { FindingsAnswer } from '@/lib/api/graph';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { tempFolder } from '../store/files/test-folder';
import { closeStore } from './store';

// A folder (WEIR_MANIFESTS) reads the mesh config where WEIR_ISTIO_ROOT_NAMESPACE and
// WEIR_ISTIO_MESH_CONFIG say, as a cluster does: a revisioned install's istio-control/istio-1-24
// says REGISTRY_ONLY; an istio-system/istio beside it (ALLOW_ANY) is not the mesh config then.
const files = {
  'control.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: istio-1-24, namespace: istio-control}
data:
  mesh: "outboundTrafficPolicy: {mode: REGISTRY_ONLY}"
`,
  'default-place.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: "outboundTrafficPolicy: {mode: ALLOW_ANY}"
`,
  'shop.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: partner, namespace: shop}
spec:
  hosts: [api.partner.example]
  http:
    - route:
        - destination: {host: api.partner.example}
`,
};

describe('the folder backend and WEIR_ISTIO_ROOT_NAMESPACE / WEIR_ISTIO_MESH_CONFIG', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  const open = async (env: Record<string, string>) => {
    await closeStore();
    process.env.WEIR_MANIFESTS = folder.folder;
    process.env.WEIR_AUTH = 'local';
    delete process.env.KUBECONFIG;
    delete process.env.WEIR_CONTEXT;
    Object.assign(process.env, env);
    const snapshot = (await (
      await getSnapshot(new Request('http://weir.test/api/snapshot'))
    ).json()) as MeshSnapshot;
    const { findings } = (await (
      await getFindings(new Request('http://weir.test/api/findings?namespace=shop'))
    ).json()) as FindingsAnswer;
    return { snapshot, codes: findings.map((finding) => `${finding.code}: ${finding.message}`) };
  };

  beforeAll(async () => {
    folder = await tempFolder(files);
  });
  afterEach(async () => {
    await closeStore();
    delete process.env.WEIR_ISTIO_ROOT_NAMESPACE;
    delete process.env.WEIR_ISTIO_MESH_CONFIG;
  });
  afterAll(async () => {
    delete process.env.WEIR_MANIFESTS;
    await folder.cleanup();
  });

  it('reads the configured ConfigMap there, and holds no other', async () => {
    const { snapshot, codes } = await open({
      WEIR_ISTIO_ROOT_NAMESPACE: 'istio-control',
      WEIR_ISTIO_MESH_CONFIG: 'istio-1-24',
    });
    expect(snapshot.sync.meshConfig).toEqual({ namespace: 'istio-control', name: 'istio-1-24' });
    const configMaps = Object.keys(snapshot.objects).filter((key) => key.startsWith('ConfigMap/'));
    expect(configMaps).toEqual(['ConfigMap/istio-control/istio-1-24']);
    expect(codes.join('\n')).toMatch(/^OUTBOUND_HOST_BLOCKED: .*REGISTRY_ONLY/m);
  });

  it('unset: istio-system/istio, as before', async () => {
    const { snapshot, codes } = await open({});
    expect(snapshot.sync.meshConfig).toEqual({ namespace: 'istio-system', name: 'istio' });
    const configMaps = Object.keys(snapshot.objects).filter((key) => key.startsWith('ConfigMap/'));
    expect(configMaps).toEqual(['ConfigMap/istio-system/istio']);
    expect(codes.join('\n')).not.toContain('OUTBOUND_HOST_BLOCKED');
  });
});
