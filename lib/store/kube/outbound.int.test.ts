import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, kubeConfigAs } from '../../../tools/test/kube';
import { nextEvent } from '../../../tools/test/store-contract';
import { applyManifests, deleteManifests } from '../../kube/apply-manifests';
import { meshOutbound, namespaceOutbound } from '../../mesh/outbound-policy';
import { validate } from '../../validate';
import type { MeshStore } from '../types';
import { createKubeStore } from './kube-store';

const ISTIO = 'networking.istio.io/v1';
const HOST = 'api.outbound.example';

describe('outbound policy from the local API server (Sidecars, the mesh config)', () => {
  let store: MeshStore;
  let ns: string;
  const admin = () => kubeConfigAs('admin');
  const meshConfig = (mode: string) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'istio', namespace: 'istio-system' },
    data: { mesh: `outboundTrafficPolicy:\n  mode: ${mode}\n` },
  });
  const otherConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'not-the-mesh-config', namespace: 'istio-system' },
    data: { mesh: 'outboundTrafficPolicy: {mode: REGISTRY_ONLY}' },
  };

  beforeAll(async () => {
    ns = await createTestNamespace('outbound');
    await applyManifests(admin(), [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } },
      otherConfigMap,
      {
        apiVersion: ISTIO,
        kind: 'VirtualService',
        metadata: { name: 'api', namespace: ns },
        spec: { hosts: [HOST], http: [{ timeout: '3s', route: [{ destination: { host: HOST } }] }] },
      },
    ]);
    store = createKubeStore({ kc: kubeConfigAs('auditor') });
    await store.start();
  });
  afterAll(async () => {
    await store.stop();
    await deleteManifests(admin(), [meshConfig('ALLOW_ANY'), otherConfigMap]).catch(() => {});
  });

  const findingsFor = () =>
    validate(store.snapshot())
      .filter((finding) => finding.ref.namespace === ns)
      .map((finding) => finding.code);

  it('a REGISTRY_ONLY finding appears with a Sidecar saying so, and clears with a ServiceEntry', async () => {
    expect(findingsFor()).toEqual(['VS_EXTERNAL_HOST_UNKNOWN']);

    const sidecarKey = `Sidecar/${ns}/default`;
    const sidecarSeen = nextEvent(store, (e) => e.type === 'put' && e.key === sidecarKey);
    await applyManifests(admin(), [
      {
        apiVersion: ISTIO,
        kind: 'Sidecar',
        metadata: { name: 'default', namespace: ns },
        spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
      },
    ]);
    await sidecarSeen;
    expect(namespaceOutbound(meshOutbound(Object.values(store.snapshot().objects)), ns)).toMatchObject({
      mode: 'REGISTRY_ONLY',
      source: 'sidecar',
    });
    expect(findingsFor()).toEqual(['OUTBOUND_HOST_BLOCKED']);

    const entrySeen = nextEvent(store, (e) => e.type === 'put' && e.key === `ServiceEntry/${ns}/api`);
    await applyManifests(admin(), [
      {
        apiVersion: ISTIO,
        kind: 'ServiceEntry',
        metadata: { name: 'api', namespace: ns },
        spec: { hosts: [HOST], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS' },
      },
    ]);
    await entrySeen;
    expect(findingsFor()).toEqual([]);
  });

  it('holds the istio ConfigMap of istio-system alone, as the mesh config', async () => {
    const seen = nextEvent(store, (e) => e.type === 'put' && e.key === 'ConfigMap/istio-system/istio');
    await applyManifests(admin(), [meshConfig('ALLOW_ANY')]);
    await seen;
    const objects = store.snapshot().objects;
    expect(Object.keys(objects).filter((key) => key.startsWith('ConfigMap/'))).toEqual([
      'ConfigMap/istio-system/istio',
    ]);
    expect(namespaceOutbound(meshOutbound(Object.values(objects)), 'anywhere')).toMatchObject({
      mode: 'ALLOW_ANY',
      source: 'mesh-config',
    });
    expect(store.snapshot().sync.synced).toBe(true);
  });
});
