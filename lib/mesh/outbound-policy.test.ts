import { describe, expect, it } from 'vitest';
import { meshOutbound, namespaceOutbound, sidecarImports } from './outbound-policy';
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
