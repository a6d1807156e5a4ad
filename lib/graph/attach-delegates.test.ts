import { describe, expect, it } from 'vitest';
import { attachDelegates } from './attach-delegates';
import { collectRoutes } from './collect-routes';
import { collectVirtualServices } from './collect-virtual-services';
import { indexSnapshot } from './index-snapshot';
import { shopSnapshot, virtualService } from './test-fixtures';

describe('attachDelegates', () => {
  it('draws a delegate edge from the route to the delegate VirtualService, none to a missing one', () => {
    const root = virtualService('shop', 'front', {
      hosts: ['shop.example'],
      gateways: ['shop-gateway'],
      http: [
        { match: [{ uri: { prefix: '/reviews' } }], delegate: { name: 'reviews-routes', namespace: 'shop' } },
        { match: [{ uri: { prefix: '/gone' } }], delegate: { name: 'gone' } },
      ],
    });
    const delegate = virtualService('shop', 'reviews-routes', {
      http: [{ route: [{ destination: { host: 'reviews' } }] }],
    });
    const index = indexSnapshot(shopSnapshot([root, delegate]));
    const { routes } = collectRoutes(collectVirtualServices(index));
    expect(attachDelegates(routes, index)).toEqual([
      {
        id: 'delegate:route:shop/front/http/0->vs:shop/reviews-routes',
        source: 'route:shop/front/http/0',
        target: 'vs:shop/reviews-routes',
        kind: 'delegate',
        ref: { kind: 'VirtualService', namespace: 'shop', name: 'front' },
        path: 'spec.http[0].delegate',
        problems: [],
      },
    ]);
  });
});
