import { describe, expect, it } from 'vitest';
import { collectRoutes } from './collect-routes';
import { collectVirtualServices } from './collect-virtual-services';
import { indexSnapshot } from './index-snapshot';
import { shopSnapshot, virtualService } from './test-fixtures';

function routesOf(extra = [] as Parameters<typeof shopSnapshot>[0]) {
  return collectRoutes(collectVirtualServices(indexSnapshot(shopSnapshot(extra))));
}

describe('collectRoutes', () => {
  it('draws each http route with its match and features, linked from its VirtualService', () => {
    const { routes, edges } = routesOf();
    const api = routes.find((route) => route.id === 'route:shop/productpage/http/0');
    expect(api?.node).toEqual({
      id: 'route:shop/productpage/http/0',
      kind: 'route',
      namespace: 'shop',
      label: 'http[0] api',
      details: ['uri prefix /api', 'rewrite /api → /', 'timeout 10s'],
      ref: { kind: 'VirtualService', namespace: 'shop', name: 'productpage' },
      path: 'spec.http[0]',
      route: {
        ref: { kind: 'VirtualService', namespace: 'shop', name: 'productpage' },
        routeKind: 'http',
        routeIndex: 0,
      },
      problems: [],
    });
    expect(edges).toContainEqual({
      id: 'route:vs:shop/productpage->route:shop/productpage/http/0',
      source: 'vs:shop/productpage',
      target: 'route:shop/productpage/http/0',
      kind: 'route',
      problems: [],
    });
  });

  it('describes the header match of ratings and its default route', () => {
    const { routes } = routesOf();
    expect(routes.find((route) => route.id === 'route:shop/ratings/http/0')?.node.details).toEqual([
      'header end-user=jason',
      'fault delay 5s 10%',
    ]);
    expect(routes.find((route) => route.id === 'route:shop/ratings/http/1')?.node.details).toEqual([
      'default',
      'mirror ratings v2 10%',
    ]);
  });

  it('includes tls and tcp routes', () => {
    const mongo = virtualService('shop', 'mongo', {
      hosts: ['mongo'],
      tcp: [{ match: [{ port: 27017 }], route: [{ destination: { host: 'mongo', subset: 'v1' } }] }],
      tls: [
        {
          match: [{ port: 443, sniHosts: ['mongo.shop.example'] }],
          route: [{ destination: { host: 'mongo' } }],
        },
      ],
    });
    const ids = routesOf([mongo]).routes.filter((route) => route.site.name === 'mongo');
    expect(ids.map((route) => [route.id, route.path, route.node.details])).toEqual([
      ['route:shop/mongo/tls/0', 'spec.tls[0]', ['sni mongo.shop.example, port 443']],
      ['route:shop/mongo/tcp/0', 'spec.tcp[0]', ['port 27017']],
    ]);
  });

  it('draws a route that is not an object as a default route', () => {
    const odd = virtualService('shop', 'odd', { http: ['nonsense', null] } as never);
    const routes = routesOf([odd]).routes.filter((route) => route.site.name === 'odd');
    expect(routes.map((route) => route.node.details)).toEqual([['default'], ['default']]);
  });
});
