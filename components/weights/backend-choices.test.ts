import { describe, expect, it } from 'vitest';
import type { MeshObject, MeshSnapshot } from '@/lib/mesh/types';
import { backendChoices, backendOfNode, ruleHasBackend } from './backend-choices';
import { additionOfNode, destinationChoices } from './destination-choices';

const meta = (namespace: string, name: string) => ({ namespace, name, resourceVersion: '1' });
const objects = [
  {
    kind: 'HTTPRoute',
    apiVersion: 'gateway.networking.k8s.io/v1',
    metadata: meta('shop', 'cart'),
    spec: { parentRefs: [{ name: 'edge' }], rules: [{ backendRefs: [{ name: 'cart-v1', port: 8080 }] }] },
  },
  { kind: 'Service', apiVersion: 'v1', metadata: meta('shop', 'cart-v1'), spec: { ports: [{ port: 8080 }] } },
  { kind: 'Service', apiVersion: 'v1', metadata: meta('shop', 'cart-v2'), spec: { ports: [{ port: 8080 }] } },
  {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta('payments', 'ledger'),
    spec: { ports: [{ port: 80 }, { port: 9090 }] },
  },
  // No ReferenceGrant in billing: the rule cannot send there.
  {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta('billing', 'invoices'),
    spec: { ports: [{ port: 80 }] },
  },
  {
    kind: 'ReferenceGrant',
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    metadata: meta('payments', 'from-shop'),
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service', name: 'ledger' }],
    },
  },
  {
    kind: 'ServiceEntry',
    apiVersion: 'networking.istio.io/v1',
    metadata: meta('shop', 'stripe'),
    spec: { hosts: ['api.stripe.com', '*.stripe.com'], ports: [{ number: 443 }] },
  },
] as MeshObject[];

const snapshot: MeshSnapshot = {
  sequence: 1,
  objects: Object.fromEntries(
    objects.map((o) => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]),
  ),
  sync: { backend: 'files', source: 'test', demo: false, synced: true, syncedAt: '' } as MeshSnapshot['sync'],
};
const target = {
  ref: { kind: 'HTTPRoute' as const, namespace: 'shop', name: 'cart' },
  routeKind: 'rules' as const,
  routeIndex: 0,
};

describe('backendChoices', () => {
  it('offers each port of each Service (own namespace first) and each ServiceEntry host, leaving out what the rule has and what no ReferenceGrant permits', () => {
    expect(backendChoices(snapshot, target).map((c) => [c.label, c.backendRef])).toEqual([
      ['cart-v2:8080', { name: 'cart-v2', port: 8080 }],
      ['ledger.payments:80', { name: 'ledger', namespace: 'payments', port: 80 }],
      ['ledger.payments:9090', { name: 'ledger', namespace: 'payments', port: 9090 }],
      [
        'api.stripe.com:443 (host)',
        { group: 'networking.istio.io', kind: 'Hostname', name: 'api.stripe.com', port: 443 },
      ],
    ]);
    // destination-choices hands a rule's choices over, with no subsets.
    expect(destinationChoices(snapshot, target).subsets).toEqual([]);
    expect(destinationChoices(snapshot, target).services).toHaveLength(4);
  });

  it('offers a backend once: a Service with 53/TCP and 53/UDP, a host in two ServiceEntries', () => {
    const dns = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: meta('shop', 'dns'),
      spec: {
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      },
    } as MeshObject;
    const stripe = snapshot.objects['ServiceEntry/shop/stripe'] as MeshObject;
    const again = { ...stripe, metadata: meta('shop', 'stripe-again') } as MeshObject;
    const more: MeshSnapshot = {
      ...snapshot,
      objects: { ...snapshot.objects, 'Service/shop/dns': dns, 'ServiceEntry/shop/stripe-again': again },
    };
    const labels = backendChoices(more, target).map((c) => c.label);
    expect(labels.filter((l) => l.startsWith('dns'))).toHaveLength(1);
    expect(labels.filter((l) => l.startsWith('api.stripe.com'))).toHaveLength(1);
  });

  it('is empty for a rule that is not there', () => {
    expect(backendChoices(snapshot, { ...target, routeIndex: 3 })).toEqual([]);
  });
});

describe('backendOfNode', () => {
  const serviceNode = (fqdn: string, name: string, namespace: string, port?: number) => ({
    id: `dest:${fqdn}||${port ?? ''}`,
    kind: 'destination' as const,
    ref: { kind: 'Service' as const, namespace, name },
  });

  it('reads a Service’s destination node as a backendRef with its port', () => {
    expect(
      backendOfNode(snapshot, target, serviceNode('cart-v2.shop.svc.cluster.local', 'cart-v2', 'shop'))
        ?.backendRef,
    ).toEqual({ name: 'cart-v2', port: 8080 });
    expect(
      backendOfNode(
        snapshot,
        target,
        serviceNode('ledger.payments.svc.cluster.local', 'ledger', 'payments', 9090),
      )?.backendRef,
    ).toEqual({ name: 'ledger', namespace: 'payments', port: 9090 });
  });

  it('offers nothing for a Service with several ports and none on the node, or a subset', () => {
    expect(
      backendOfNode(snapshot, target, serviceNode('ledger.payments.svc.cluster.local', 'ledger', 'payments')),
    ).toBeUndefined();
    expect(
      backendOfNode(snapshot, target, {
        id: 'dest:cart-v2.shop.svc.cluster.local|v2|',
        kind: 'destination',
        ref: { kind: 'Service', namespace: 'shop', name: 'cart-v2' },
      }),
    ).toBeUndefined();
  });

  it('reads a ServiceEntry host as an Istio Hostname backend', () => {
    const node = {
      id: 'dest:api.stripe.com||',
      kind: 'destination' as const,
      ref: { kind: 'ServiceEntry' as const, namespace: 'shop', name: 'stripe' },
    };
    expect(additionOfNode(snapshot, target, node)).toEqual({
      label: 'api.stripe.com:443 (host)',
      destination: { host: 'api.stripe.com', port: { number: 443 } },
      backendRef: { group: 'networking.istio.io', kind: 'Hostname', name: 'api.stripe.com', port: 443 },
    });
  });

  it('reads no backend off a Service in another namespace no ReferenceGrant permits (cannot connect)', () => {
    expect(
      additionOfNode(
        snapshot,
        target,
        serviceNode('invoices.billing.svc.cluster.local', 'invoices', 'billing', 80),
      ),
    ).toBeUndefined();
  });

  it('knows which backends the rule has, however the namespace is written', () => {
    expect(ruleHasBackend(snapshot, target, { name: 'cart-v1', namespace: 'shop', port: 8080 })).toBe(true);
    expect(ruleHasBackend(snapshot, target, { name: 'cart-v1', port: 9090 })).toBe(false);
  });
});
