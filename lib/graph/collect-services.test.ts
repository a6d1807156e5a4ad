import { describe, expect, it } from 'vitest';
import { collectRoutes } from './collect-routes';
import { collectServices } from './collect-services';
import { collectVirtualServices } from './collect-virtual-services';
import { indexSnapshot } from './index-snapshot';
import { resolveDestinations } from './resolve-destinations';
import { shopSnapshot } from './test-fixtures';

describe('collectServices', () => {
  it('draws Services no route sends to as destinations of their own', () => {
    const index = indexSnapshot(shopSnapshot());
    const { destinations } = resolveDestinations(collectRoutes(collectVirtualServices(index)).routes, index);
    const plain = collectServices(index, destinations);
    expect(plain.map((site) => site.node)).toEqual([
      {
        id: 'dest:details.shop.svc.cluster.local||',
        kind: 'destination',
        namespace: 'shop',
        label: 'details',
        details: ['details.shop.svc.cluster.local', 'plain Kubernetes routing'],
        ref: { kind: 'Service', namespace: 'shop', name: 'details' },
        problems: [],
      },
    ]);
  });
});
