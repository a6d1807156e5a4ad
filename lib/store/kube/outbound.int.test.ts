import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNamespace, kubeConfigAs } from '../../../tools/test/kube';
import { nextEvent } from '../../../tools/test/store-contract';
import { until } from '../../../tools/test/until';
import { applyManifests, deleteManifests } from '../../kube/apply-manifests';
import { meshOutbound, namespaceOutbound } from '../../mesh/outbound-policy';
import type { MeshSnapshot } from '../../mesh/types';
import { validate } from '../../validate';
import type { MeshStore } from '../types';
import { createKubeStore } from './kube-store';

const ISTIO = 'networking.istio.io/v1';
const HOST = 'api.outbound.example';
// Declared by no ServiceEntry (the first test declares HOST).
const OTHER_HOST = 'other.outbound.example';

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
    // Weir's own identity: it may read the mesh config (a Role on that ConfigMap alone).
    store = createKubeStore({ kc: kubeConfigAs('weir') });
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
    expect(store.snapshot().sync.meshConfig).toEqual({ namespace: 'istio-system', name: 'istio' });
  });

  describe('where the mesh config is unknown, and where it is read from', () => {
    const stores: MeshStore[] = [];
    const started = async (options: Omit<Parameters<typeof createKubeStore>[0], 'startTimeoutMs'>) => {
      const other = createKubeStore(options);
      stores.push(other);
      await other.start();
      return other;
    };
    afterAll(async () => {
      for (const other of stores) await other.stop();
    });
    const policyIn = (snapshot: MeshSnapshot, namespace: string) =>
      namespaceOutbound(meshOutbound(Object.values(snapshot.objects), snapshot.sync.meshConfig), namespace);

    it('an identity that may not read the ConfigMap (403): unknown, in sync, no policy claimed', async () => {
      const seen = nextEvent(store, (e) => e.type === 'put' && e.key === 'ConfigMap/istio-system/istio');
      await applyManifests(admin(), [meshConfig('REGISTRY_ONLY')]);
      await seen;
      // Weir's own identity reads REGISTRY_ONLY; the auditor (no right on the ConfigMap) may not.
      expect(policyIn(store.snapshot(), 'elsewhere')).toMatchObject({ mode: 'REGISTRY_ONLY' });
      const auditor = await started({ kc: kubeConfigAs('auditor') });
      const snapshot = auditor.snapshot();
      expect(snapshot.sync.synced).toBe(true);
      expect(snapshot.sync.meshConfig).toEqual({
        namespace: 'istio-system',
        name: 'istio',
        unknown: 'Weir may not read istio-system/istio',
      });
      expect(Object.keys(snapshot.objects).filter((key) => key.startsWith('ConfigMap/'))).toEqual([]);
      expect(policyIn(snapshot, 'elsewhere')).toMatchObject({
        mode: 'unknown',
        source: 'unknown',
        unknown: 'Weir may not read istio-system/istio',
      });
      // The namespace's own Sidecar (REGISTRY_ONLY, from the first test) still decides there.
      expect(policyIn(snapshot, ns)).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'sidecar' });
      const other = await createTestNamespace('outbound-unknown');
      await applyManifests(admin(), [
        {
          apiVersion: ISTIO,
          kind: 'VirtualService',
          metadata: { name: 'api', namespace: other },
          spec: {
            hosts: [OTHER_HOST],
            // Its own namespace alone: the first test's namespace (a REGISTRY_ONLY Sidecar) is not reached.
            exportTo: ['.'],
            http: [{ timeout: '3s', route: [{ destination: { host: OTHER_HOST } }] }],
          },
        },
      ]);
      const findings = await until('the auditor store to hold the VirtualService', () => {
        const found = validate(auditor.snapshot()).filter((f) => f.ref.namespace === other);
        return found.length > 0 && found;
      });
      expect(findings.map((f) => f.code)).toEqual(['VS_EXTERNAL_HOST_UNKNOWN']);
      expect(findings[0]?.message).toContain(
        `The outbound policy is unknown in ${other} (Weir may not read istio-system/istio)`,
      );
      // Weir's own identity knows it: blocked.
      await until('Weir to hold the VirtualService', () =>
        store.get({ kind: 'VirtualService', namespace: other, name: 'api' }),
      );
      expect(
        validate(store.snapshot())
          .filter((f) => f.ref.namespace === other)
          .map((f) => f.code),
      ).toEqual(['OUTBOUND_HOST_BLOCKED']);
    });

    it("a ConfigMap absent where it may be read: Istio's default ALLOW_ANY, known", async () => {
      const root = await createTestNamespace('mesh-root');
      const admins = await started({ kc: admin(), meshConfig: { namespace: root, name: 'istio' } });
      expect(admins.snapshot().sync.meshConfig).toEqual({ namespace: root, name: 'istio' });
      expect(policyIn(admins.snapshot(), 'elsewhere')).toMatchObject({
        mode: 'ALLOW_ANY',
        source: 'istio-default',
      });
      // Weir's rights are on istio-system/istio alone: configured elsewhere, it may not read it.
      const weir = await started({
        kc: kubeConfigAs('weir'),
        meshConfig: { namespace: root, name: 'istio' },
      });
      expect(weir.snapshot().sync.meshConfig?.unknown).toBe(`Weir may not read ${root}/istio`);
    });

    it("a revisioned install's ConfigMap in another root namespace: read there, its root Sidecar the default", async () => {
      const root = await createTestNamespace('istio-control');
      await applyManifests(admin(), [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'istio-1-24', namespace: root },
          // As Istio's installers write it: the namespace they install into.
          data: { mesh: `outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\nrootNamespace: ${root}\n` },
        },
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'istio', namespace: root },
          data: { mesh: '{}' },
        },
        {
          apiVersion: ISTIO,
          kind: 'Sidecar',
          metadata: { name: 'default', namespace: root },
          spec: { egress: [{ hosts: ['./*', 'istio-system/*'] }] },
        },
      ]);
      const revisioned = await started({ kc: admin(), meshConfig: { namespace: root, name: 'istio-1-24' } });
      const snapshot = revisioned.snapshot();
      expect(Object.keys(snapshot.objects).filter((key) => key.startsWith('ConfigMap/'))).toEqual([
        `ConfigMap/${root}/istio-1-24`,
      ]);
      const policy = policyIn(snapshot, 'elsewhere');
      expect(policy).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'mesh-config' });
      expect(policy.sidecar?.metadata.namespace).toBe(root);
      // One that names no rootNamespace: istiod's default (istio-system), not where it lives.
      const plain = await started({ kc: admin(), meshConfig: { namespace: root, name: 'istio' } });
      const mesh = meshOutbound(Object.values(plain.snapshot().objects), plain.snapshot().sync.meshConfig);
      expect(mesh.rootNamespace).toBe('istio-system');
      expect(policyIn(plain.snapshot(), 'elsewhere').sidecar?.metadata.namespace).not.toBe(root);
    });
  });
});
