import { describe, expect, it } from 'vitest';
import { meshOutbound, namespaceOutbound, sidecarImports, workloadOutbound } from './outbound-policy';
import { parseObject } from './parse';
import type { Sidecar, StoredObject } from './types';

const meshConfig = (mesh: string) =>
  parseObject({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'istio', namespace: 'istio-system' },
    data: { mesh },
  }) as StoredObject;

const sidecar = (namespace: string, spec: Sidecar['spec'], name = 'default'): Sidecar =>
  parseObject({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name, namespace },
    spec,
  }) as Sidecar;

describe('reading the mesh config and Sidecars', () => {
  it('keeps of the istio ConfigMap only what data.mesh says, and no other ConfigMap', () => {
    expect(
      meshConfig('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\nrootNamespace: mesh-root\n'),
    ).toMatchObject({
      kind: 'ConfigMap',
      spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, rootNamespace: 'mesh-root' },
    });
    expect(meshConfig('outboundTrafficPolicy: [unclosed')).toMatchObject({
      spec: { error: expect.stringContaining('not YAML') },
    });
    expect(
      parseObject({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'other', namespace: 'istio-system' },
        data: {},
      }),
    ).toBeUndefined();
  });
});

describe('outbound policy per namespace (istiod: doGetSidecarScope)', () => {
  it("is Istio's default ALLOW_ANY with nothing said", () => {
    expect(namespaceOutbound(meshOutbound([]), 'shop')).toMatchObject({
      mode: 'ALLOW_ANY',
      source: 'istio-default',
    });
  });

  it("takes the mesh config's mode, a namespace Sidecar's over it, and the root namespace's Sidecar as the default", () => {
    const objects = [
      meshConfig('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n'),
      sidecar('shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } }),
      sidecar('shop', { workloadSelector: { labels: { app: 'legacy' } } }, 'legacy'),
      sidecar('istio-system', { egress: [{ hosts: ['./*'] }] }),
    ];
    const mesh = meshOutbound(objects);
    expect(namespaceOutbound(mesh, 'shop')).toMatchObject({ mode: 'ALLOW_ANY', source: 'sidecar' });
    expect(namespaceOutbound(mesh, 'shop').sidecars.map((s) => s.metadata.name)).toEqual([
      'legacy',
      'default',
    ]);
    const payments = namespaceOutbound(mesh, 'payments');
    expect(payments).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'mesh-config' });
    expect(payments.sidecar?.metadata.namespace).toBe('istio-system');
  });
});

describe('which hosts a Sidecar imports (selectServices, hostClassification)', () => {
  it('reads ns/host, ./host, */host and ~ exclusions; no egress imports everything', () => {
    const own = sidecar('shop', {
      egress: [{ hosts: ['./*', 'istio-system/*', '*/api.example.com', '~payments/secret.example.com'] }],
    });
    expect(sidecarImports(own, 'reviews.shop.svc.cluster.local', 'shop')).toBe(true);
    expect(sidecarImports(own, 'api.example.com', 'anywhere')).toBe(true);
    expect(sidecarImports(own, 'cart.payments.svc.cluster.local', 'payments')).toBe(false);
    const wild = sidecar('shop', { egress: [{ hosts: ['*/*.example.com', '~*/secret.example.com'] }] });
    expect(sidecarImports(wild, 'www.example.com', 'external')).toBe(true);
    expect(sidecarImports(wild, 'secret.example.com', 'external')).toBe(false);
    expect(sidecarImports(sidecar('shop', {}), 'anything.example.org', 'x')).toBe(true);
  });
});

describe('an unknown mesh config (Weir may not read it, or cannot parse it)', () => {
  const where = { namespace: 'istio-system', name: 'istio' };
  const forbidden = { ...where, unknown: 'Weir may not read istio-system/istio' };

  it('makes the policy unknown where no Sidecar sets one, saying why', () => {
    const mesh = meshOutbound([], forbidden);
    expect(mesh).toMatchObject({ meshMode: 'unknown', unknown: 'Weir may not read istio-system/istio' });
    expect(namespaceOutbound(mesh, 'shop')).toMatchObject({
      mode: 'unknown',
      source: 'unknown',
      unknown: 'Weir may not read istio-system/istio',
      meshConfigName: 'istio-system/istio',
    });
  });

  it("leaves a namespace's own Sidecar, or the root namespace's, deciding (a Sidecar overrides the mesh config)", () => {
    const mesh = meshOutbound(
      [
        sidecar('shop', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }),
        sidecar('istio-system', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } }),
      ],
      forbidden,
    );
    expect(namespaceOutbound(mesh, 'shop')).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'sidecar' });
    expect(namespaceOutbound(mesh, 'shop').unknown).toBeUndefined();
    expect(namespaceOutbound(mesh, 'payments')).toMatchObject({ mode: 'ALLOW_ANY', source: 'sidecar' });
    // A root Sidecar without a mode of its own leaves the mesh config deciding: unknown.
    const silentRoot = meshOutbound([sidecar('istio-system', { egress: [{ hosts: ['./*'] }] })], forbidden);
    expect(namespaceOutbound(silentRoot, 'payments')).toMatchObject({ mode: 'unknown', source: 'unknown' });
  });

  it("is Istio's default ALLOW_ANY, known, where the ConfigMap was read and is absent", () => {
    expect(namespaceOutbound(meshOutbound([], where), 'shop')).toMatchObject({
      mode: 'ALLOW_ANY',
      source: 'istio-default',
    });
  });

  it('is unknown when data.mesh cannot be parsed (not guessed as ALLOW_ANY)', () => {
    const mesh = meshOutbound([meshConfig('outboundTrafficPolicy: [unclosed')], where);
    expect(mesh.meshMode).toBe('unknown');
    expect(mesh.unknown).toMatch(/^istio-system\/istio cannot be read: data\.mesh is not YAML/);
    expect(namespaceOutbound(mesh, 'shop').mode).toBe('unknown');
  });
});

describe('a configured root namespace and mesh config name (WEIR_ISTIO_ROOT_NAMESPACE, WEIR_ISTIO_MESH_CONFIG)', () => {
  const revisioned = (namespace: string, name: string, mesh: string) =>
    parseObject(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { mesh } },
      undefined,
      { namespace, name },
    ) as StoredObject;
  const place = { namespace: 'istio-control', name: 'istio-1-24' };

  it('reads that ConfigMap there, and no other', () => {
    const objects = [
      revisioned('istio-control', 'istio-1-24', 'outboundTrafficPolicy: {mode: REGISTRY_ONLY}'),
      meshConfig('outboundTrafficPolicy: {mode: ALLOW_ANY}'),
    ];
    expect(objects[0]?.kind).toBe('ConfigMap');
    const mesh = meshOutbound(objects, place);
    expect(mesh.meshConfig?.metadata.name).toBe('istio-1-24');
    expect(namespaceOutbound(mesh, 'shop')).toMatchObject({
      mode: 'REGISTRY_ONLY',
      source: 'mesh-config',
      meshConfigName: 'istio-control/istio-1-24',
    });
    // Parsed with the default name, a revisioned ConfigMap is not the mesh config.
    expect(
      parseObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-1-24', namespace: 'x' } }),
    ).toBeUndefined();
  });

  it("takes istio-system as the root where the known mesh config names none (istiod's DefaultMeshConfig), the configured namespace only when unknown", () => {
    const objects = [
      sidecar('istio-control', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }),
      sidecar('istio-system', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } }),
    ];
    // No ConfigMap there, known: Istio's defaults, root istio-system.
    const absent = meshOutbound(objects, place);
    expect(absent.rootNamespace).toBe('istio-system');
    expect(absent.rootAssumed).toBeUndefined();
    expect(namespaceOutbound(absent, 'shop').sidecar?.metadata.namespace).toBe('istio-system');
    // A ConfigMap that names no rootNamespace: the same.
    const silent = meshOutbound(
      [...objects, revisioned('istio-control', 'istio-1-24', 'outboundTrafficPolicy: {mode: REGISTRY_ONLY}')],
      place,
    );
    expect(silent.rootNamespace).toBe('istio-system');
    expect(namespaceOutbound(silent, 'shop')).toMatchObject({ mode: 'ALLOW_ANY', source: 'sidecar' });
    // Unknown: the configured namespace is assumed, and said to be.
    const unknown = meshOutbound(objects, { ...place, unknown: 'no' });
    expect(unknown).toMatchObject({ rootNamespace: 'istio-control', rootAssumed: true });
    const shop = namespaceOutbound(unknown, 'shop');
    expect(shop).toMatchObject({ mode: 'REGISTRY_ONLY', source: 'sidecar', rootAssumed: 'istio-control' });
    expect(shop.sidecar?.metadata.namespace).toBe('istio-control');
    // Said where the root decides: not where the namespace's own Sidecar is its default.
    expect(namespaceOutbound(absent, 'shop').rootAssumed).toBeUndefined();
    const own = meshOutbound([...objects, sidecar('shop', {})], { ...place, unknown: 'no' });
    expect(namespaceOutbound(own, 'shop').rootAssumed).toBeUndefined();
  });

  it("follows the mesh config's own rootNamespace where it names one (istiod reads it from there)", () => {
    const objects = [
      revisioned('istio-control', 'istio-1-24', 'rootNamespace: mesh-root'),
      sidecar('mesh-root', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }),
      sidecar('istio-control', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } }),
    ];
    expect(namespaceOutbound(meshOutbound(objects, place), 'shop')).toMatchObject({ mode: 'REGISTRY_ONLY' });
  });
});

describe('a workload’s outbound policy (Sidecars with a workloadSelector)', () => {
  const selecting = (namespace: string, spec: Sidecar['spec'], name: string) =>
    sidecar(namespace, { workloadSelector: { labels: { app: 'client' } }, ...spec }, name);
  const client = { app: 'client', version: 'v1' };

  it('takes the selecting Sidecar’s mode, else the mesh config’s; pods it does not select keep the namespace’s', () => {
    const mesh = meshOutbound([
      sidecar('shop', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }),
      selecting('shop', { egress: [{ hosts: ['*/*'] }] }, 'client-only'),
    ]);
    expect(workloadOutbound(mesh, 'shop', client)).toMatchObject({
      mode: 'ALLOW_ANY',
      source: 'istio-default',
    });
    expect(workloadOutbound(mesh, 'shop', client).sidecar?.metadata.name).toBe('client-only');
    expect(workloadOutbound(mesh, 'shop', { app: 'other' })).toMatchObject({
      mode: 'REGISTRY_ONLY',
      source: 'sidecar',
    });
    const unknown = meshOutbound(
      [selecting('shop', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }, 'client-only')],
      { namespace: 'istio-system', name: 'istio', unknown: 'no' },
    );
    expect(workloadOutbound(unknown, 'shop', client)).toMatchObject({
      mode: 'REGISTRY_ONLY',
      source: 'sidecar',
    });
    expect(workloadOutbound(unknown, 'shop', client).unknown).toBeUndefined();
  });

  it('a selecting Sidecar in the root namespace selects only the root’s own pods', () => {
    const mesh = meshOutbound([
      selecting('istio-system', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }, 'client-only'),
    ]);
    expect(workloadOutbound(mesh, 'shop', client).mode).toBe('ALLOW_ANY');
    expect(workloadOutbound(mesh, 'istio-system', client).mode).toBe('REGISTRY_ONLY');
  });
});
