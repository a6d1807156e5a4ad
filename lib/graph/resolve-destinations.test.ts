import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../mesh/types';
import { collectRoutes } from './collect-routes';
import { collectVirtualServices } from './collect-virtual-services';
import { indexSnapshot } from './index-snapshot';
import { resolveDestinations } from './resolve-destinations';
import { shopSnapshot, virtualService } from './test-fixtures';

function resolve(extra: StoredObject[] = []) {
  const index = indexSnapshot(shopSnapshot(extra));
  const { routes } = collectRoutes(collectVirtualServices(index));
  return resolveDestinations(routes, index);
}

describe('resolveDestinations', () => {
  it('gives each destination of the reviews canary a weight edge with what its slider writes', () => {
    const { edges } = resolve();
    const canary = edges.filter((edge) => edge.source === 'route:shop/reviews/http/0');
    expect(canary).toEqual([
      {
        id: 'weight:VirtualService/shop/reviews/http/0/0',
        source: 'route:shop/reviews/http/0',
        target: 'dest:reviews.shop.svc.cluster.local|v1|',
        kind: 'weight',
        weight: {
          ref: { kind: 'VirtualService', namespace: 'shop', name: 'reviews' },
          routeKind: 'http',
          routeIndex: 0,
          destinationIndex: 0,
          host: 'reviews',
          subset: 'v1',
          weight: 90,
          explicit: true,
        },
        ref: { kind: 'VirtualService', namespace: 'shop', name: 'reviews' },
        path: 'spec.http[0].route[0]',
        problems: [],
      },
      expect.objectContaining({
        id: 'weight:VirtualService/shop/reviews/http/0/1',
        target: 'dest:reviews.shop.svc.cluster.local|v2|',
        weight: expect.objectContaining({ destinationIndex: 1, weight: 10, explicit: true }),
      }),
    ]);
  });

  it('gives a lone destination without a weight 100, marked implied', () => {
    const { edges } = resolve();
    const edge = edges.find(
      (candidate) => candidate.id === 'weight:VirtualService/shop/productpage/http/0/0',
    );
    expect(edge?.weight).toMatchObject({ host: 'productpage', port: 9080, weight: 100, explicit: false });
    expect(edge?.target).toBe('dest:productpage.shop.svc.cluster.local||9080');
  });

  it('lets routes of different VirtualServices converge on one destination', () => {
    const other = virtualService('payments', 'reviews-client', {
      hosts: ['reviews.shop.svc.cluster.local'],
      http: [{ route: [{ destination: { host: 'reviews.shop', subset: 'v1' } }] }],
    });
    const { destinations, edges } = resolve([other]);
    expect(destinations.filter((site) => site.id === 'dest:reviews.shop.svc.cluster.local|v1|')).toHaveLength(
      1,
    );
    expect(edges.filter((edge) => edge.target === 'dest:reviews.shop.svc.cluster.local|v1|')).toHaveLength(2);
  });

  it('draws the destination with its Service and namespace', () => {
    const site = resolve().destinations.find(
      (candidate) => candidate.id === 'dest:reviews.shop.svc.cluster.local|v2|',
    );
    expect(site?.node).toEqual({
      id: 'dest:reviews.shop.svc.cluster.local|v2|',
      kind: 'destination',
      namespace: 'shop',
      label: 'reviews · v2',
      details: ['reviews.shop.svc.cluster.local', 'subset v2'],
      ref: { kind: 'Service', namespace: 'shop', name: 'reviews' },
      problems: [],
    });
  });

  it('draws a mirror edge with the mirrored share', () => {
    const mirror = resolve().edges.find((edge) => edge.kind === 'mirror');
    expect(mirror).toMatchObject({
      id: 'mirror:shop/ratings/http/1/mirror',
      source: 'route:shop/ratings/http/1',
      target: 'dest:ratings.shop.svc.cluster.local|v2|',
      mirrorPercent: 10,
      path: 'spec.http[1].mirror',
    });
  });

  it('keeps weights that do not add up as Istio applies them, and skips destinations without a host', () => {
    const odd = virtualService('shop', 'odd', {
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 30 },
            { destination: {} as never, weight: 30 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 15 },
          ],
        },
      ],
    });
    const edges = resolve([odd]).edges.filter((edge) => edge.source === 'route:shop/odd/http/0');
    expect(edges.map((edge) => [edge.weight?.destinationIndex, edge.weight?.weight])).toEqual([
      [0, 40],
      [2, 20],
    ]);
  });

  it('keeps external hosts as written, in the namespace of the route', () => {
    const egress = virtualService('payments', 'stripe', {
      hosts: ['api.stripe.com'],
      tls: [
        {
          match: [{ port: 443, sniHosts: ['api.stripe.com'] }],
          route: [{ destination: { host: 'api.stripe.com', port: { number: 443 } } }],
        },
      ],
    });
    const site = resolve([egress]).destinations.find((candidate) => candidate.fqdn === 'api.stripe.com');
    expect(site?.node).toMatchObject({
      id: 'dest:api.stripe.com||443',
      namespace: 'payments',
      label: 'api.stripe.com:443',
    });
  });
});
