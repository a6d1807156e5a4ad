import { describe, expect, it } from 'vitest';
import type { MeshObject, MeshSnapshot } from '@/lib/mesh/types';
import { destinationChoices, destinationOfNode, routeHasDestination } from './destination-choices';

const meta = (namespace: string, name: string) => ({ namespace, name, resourceVersion: '1' });
const objects: MeshObject[] = [
  {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: meta('shop', 'checkout'),
    spec: {
      hosts: ['checkout'],
      http: [{ route: [{ destination: { host: 'checkout', subset: 'v1', port: { number: 8080 } } }] }],
    },
  },
  {
    kind: 'DestinationRule',
    apiVersion: 'networking.istio.io/v1',
    metadata: meta('shop', 'checkout'),
    spec: { host: 'checkout.shop.svc.cluster.local', subsets: [{ name: 'v1' }, { name: 'v2' }] },
  },
  {
    kind: 'DestinationRule',
    apiVersion: 'networking.istio.io/v1',
    metadata: meta('shop', 'cart'),
    spec: { host: 'cart', subsets: [{ name: 'v1' }] },
  },
  { kind: 'Service', apiVersion: 'v1', metadata: meta('shop', 'checkout'), spec: {} },
  { kind: 'Service', apiVersion: 'v1', metadata: meta('shop', 'cart'), spec: {} },
  { kind: 'Service', apiVersion: 'v1', metadata: meta('payments', 'ledger'), spec: {} },
] as MeshObject[];

const snapshot: MeshSnapshot = {
  sequence: 1,
  objects: Object.fromEntries(
    objects.map((o) => [`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o]),
  ),
  sync: { backend: 'files', source: 'test', demo: false, synced: true, syncedAt: '' } as MeshSnapshot['sync'],
};
const target = {
  ref: { kind: 'VirtualService' as const, namespace: 'shop', name: 'checkout' },
  routeKind: 'http' as const,
  routeIndex: 0,
};

describe('destinationChoices', () => {
  it('offers the missing subsets of the route’s host, written as the route writes it, with its port', () => {
    expect(destinationChoices(snapshot, target).subsets).toEqual([
      { label: 'checkout:8080 v2', destination: { host: 'checkout', subset: 'v2', port: { number: 8080 } } },
    ]);
  });

  it('offers the other Services, own namespace first and short', () => {
    expect(destinationChoices(snapshot, target).services.map((c) => c.destination.host)).toEqual([
      'cart',
      'ledger.payments.svc.cluster.local',
    ]);
  });
});

describe('destinationOfNode', () => {
  it('reads a subset node through its DestinationRule', () => {
    expect(
      destinationOfNode(snapshot, target, {
        id: 'subset:shop/cart/v1',
        kind: 'subset',
        ref: { kind: 'DestinationRule', namespace: 'shop', name: 'cart' },
        path: 'spec.subsets[0]',
      }),
    ).toEqual({ host: 'cart', subset: 'v1' });
  });

  it('reads a destination node from its id', () => {
    expect(
      destinationOfNode(snapshot, target, {
        id: 'dest:ledger.payments.svc.cluster.local||',
        kind: 'destination',
      }),
    ).toEqual({ host: 'ledger.payments.svc.cluster.local' });
  });

  it('refuses other nodes', () => {
    expect(
      destinationOfNode(snapshot, target, { id: 'vs:shop/checkout', kind: 'virtualService' }),
    ).toBeUndefined();
  });

  it('sees a destination the route has, however its host is written', () => {
    const written = { host: 'checkout.shop.svc.cluster.local', subset: 'v1', port: { number: 8080 } };
    expect(routeHasDestination(snapshot, target, written)).toBe(true);
  });
});
