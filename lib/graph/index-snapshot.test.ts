import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../mesh/types';
import { indexSnapshot } from './index-snapshot';
import { shopSnapshot } from './test-fixtures';

describe('indexSnapshot', () => {
  it('sorts the shop by kind, in key order, with lookups by name and host', () => {
    const index = indexSnapshot(shopSnapshot());
    expect(index.virtualServices.map((vs) => vs.metadata.name)).toEqual([
      'productpage',
      'ratings',
      'reviews',
    ]);
    expect(index.destinationRules).toHaveLength(2);
    expect(index.gatewayByName.has('shop/shop-gateway')).toBe(true);
    expect(index.serviceByFqdn.get('details.shop.svc.cluster.local')?.metadata.name).toBe('details');
    expect(index.podsByNamespace.get('shop')).toHaveLength(8);
    expect(index.namespaces.has('shop')).toBe(true);
  });

  it('skips objects without a name and gives a malformed spec an empty one', () => {
    const snapshot = {
      sequence: 1,
      sync: {},
      objects: {
        a: { kind: 'VirtualService', metadata: {}, spec: {} },
        b: null,
        c: { kind: 'VirtualService', metadata: { name: 'odd', namespace: 'shop' }, spec: 'garbage' },
        d: { kind: 'Pod', metadata: { name: 'p', namespace: 'shop', labels: { app: 3 } } },
      },
    } as unknown as MeshSnapshot;
    const index = indexSnapshot(snapshot);
    expect(index.virtualServices.map((vs) => [vs.metadata.name, vs.spec])).toEqual([['odd', {}]]);
    expect(index.pods[0]?.status.ready).toBe(false);
    expect(index.pods[0]?.metadata.labels).toEqual({ app: '3' });
  });

  it('survives a snapshot without objects', () => {
    expect(indexSnapshot({} as MeshSnapshot).virtualServices).toEqual([]);
  });
});
