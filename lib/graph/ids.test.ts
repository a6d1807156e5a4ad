import { describe, expect, it } from 'vitest';
import { routeAddress } from '../mesh/route-address';
import {
  destinationNodeId,
  gatewayId,
  invalidId,
  mirrorEdgeId,
  placeOfDestinationNode,
  routeId,
  subsetId,
  virtualServiceId,
  weightEdgeId,
  workloadId,
} from './ids';

describe('ids', () => {
  it('derive from object identity only', () => {
    expect(gatewayId('shop', 'shop-gateway')).toBe('gw:shop/shop-gateway');
    expect(virtualServiceId('shop', 'reviews')).toBe('vs:shop/reviews');
    expect(routeId('shop', 'reviews', 'http', 0)).toBe('route:shop/reviews/http/0');
    expect(subsetId('shop', 'reviews', 'v2')).toBe('subset:shop/reviews/v2');
    expect(workloadId('shop', 'app=reviews,version=v2')).toBe('workload:shop/app=reviews,version=v2');
    expect(invalidId('VirtualService/shop/broken')).toBe('invalid:VirtualService/shop/broken');
  });

  it('key destinations by host, subset and port, leaving absent parts empty', () => {
    expect(destinationNodeId({ host: 'reviews.shop.svc.cluster.local', subset: 'v2' })).toBe(
      'dest:reviews.shop.svc.cluster.local|v2|',
    );
    expect(destinationNodeId({ host: 'productpage.shop.svc.cluster.local', port: 9080 })).toBe(
      'dest:productpage.shop.svc.cluster.local||9080',
    );
    expect(placeOfDestinationNode('dest:productpage.shop.svc.cluster.local||9080')).toEqual({
      host: 'productpage.shop.svc.cluster.local',
      port: 9080,
    });
    expect(placeOfDestinationNode('vs:shop/reviews')).toBeUndefined();
  });

  it('name weight and mirror edges after the field they stand for', () => {
    expect(weightEdgeId({ ...routeAddress('shop', 'reviews', 'http', 0), destinationIndex: 1 })).toBe(
      'weight:VirtualService/shop/reviews/http/0/1',
    );
    const cart = {
      ref: { kind: 'HTTPRoute' as const, namespace: 'shop', name: 'cart' },
      routeKind: 'rules' as const,
    };
    expect(weightEdgeId({ ...cart, routeIndex: 0, destinationIndex: 1 })).toBe(
      'weight:HTTPRoute/shop/cart/rules/0/1',
    );
    expect(mirrorEdgeId('shop', 'ratings', 1, 'mirrors/0')).toBe('mirror:shop/ratings/http/1/mirrors/0');
  });
});
