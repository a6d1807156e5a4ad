import { describe, expect, it } from 'vitest';
import { brief, findingsOf, routeTo, virtualService } from '../test-fixtures';
import { vsUnreachableRoutes } from './vs-unreachable-routes';

describe('vs-unreachable-routes', () => {
  it('accepts specific routes before a last catch-all', () => {
    const objects = [
      virtualService('shop', 'storefront', {
        hosts: ['shop.example.com'],
        http: [
          { match: [{ uri: { prefix: '/api/catalog' } }], ...routeTo('catalog') },
          { match: [{ uri: { prefix: '/shop/' } }, { uri: { exact: '/shop' } }], ...routeTo('storefront') },
          { match: [{ headers: { 'x-beta-tester': { exact: 'true' } } }], ...routeTo('storefront', 'v2') },
          routeTo('storefront'),
        ],
        tcp: [{ match: [{ port: 5432 }], ...routeTo('db') }, routeTo('db-replica')],
      }),
    ];
    expect(findingsOf(vsUnreachableRoutes, objects)).toEqual([]);
  });

  it('reports routes after a catch-all, routes whose matches are all taken, and single taken matches', () => {
    const objects = [
      virtualService('shop', 'storefront', {
        hosts: ['shop.example.com'],
        http: [
          { name: 'api', match: [{ uri: { prefix: '/api' } }], ...routeTo('api') },
          { name: 'catalog', match: [{ uri: { prefix: '/api/catalog' } }], ...routeTo('catalog') },
          { match: [{ uri: { prefix: '/api/cart' } }, { uri: { prefix: '/cart' } }], ...routeTo('cart') },
          { match: [{ uri: { prefix: '/' } }], ...routeTo('storefront') },
          { match: [{ uri: { prefix: '/beta' } }], ...routeTo('beta') },
        ],
      }),
    ];
    const findings = findingsOf(vsUnreachableRoutes, objects);
    expect(brief(findings)).toEqual([
      'VS_UNREACHABLE_ROUTE VirtualService/shop/storefront spec.http[1]',
      'VS_INEFFECTIVE_MATCH VirtualService/shop/storefront spec.http[2].match[0]',
      'VS_UNREACHABLE_ROUTE VirtualService/shop/storefront spec.http[4]',
    ]);
    expect(findings[0]?.message).toContain('route http[0] "api"');
    expect(findings[0]).toMatchObject({ severity: 'warning', istioCode: 'IST0130' });
    expect(findings[1]).toMatchObject({ severity: 'info', istioCode: 'IST0131' });
  });

  it('reports a second route without match', () => {
    const objects = [
      virtualService('shop', 'cart', {
        hosts: ['cart'],
        http: [routeTo('cart', 'v1'), routeTo('cart', 'v2')],
      }),
    ];
    expect(brief(findingsOf(vsUnreachableRoutes, objects))).toEqual([
      'VS_UNREACHABLE_ROUTE VirtualService/shop/cart spec.http[1]',
    ]);
  });
});
