import { describe, expect, it } from 'vitest';
import { collectVirtualServices } from './collect-virtual-services';
import { indexSnapshot } from './index-snapshot';
import { shopSnapshot, virtualService } from './test-fixtures';

describe('collectVirtualServices', () => {
  it('draws each VirtualService with its hosts and gateways', () => {
    const sites = collectVirtualServices(indexSnapshot(shopSnapshot()));
    const productpage = sites.find((site) => site.name === 'productpage');
    expect(productpage?.node).toEqual({
      id: 'vs:shop/productpage',
      kind: 'virtualService',
      namespace: 'shop',
      label: 'productpage',
      details: ['hosts: shop.example', 'gateways: shop-gateway'],
      ref: { kind: 'VirtualService', namespace: 'shop', name: 'productpage' },
      problems: [],
    });
  });

  it('says mesh for a VirtualService bound to no gateway', () => {
    const sites = collectVirtualServices(indexSnapshot(shopSnapshot()));
    expect(sites.find((site) => site.name === 'reviews')?.node.details).toEqual([
      'hosts: reviews',
      'gateways: mesh',
    ]);
  });

  it('marks a delegate with the VirtualServices that delegate to it', () => {
    const root = virtualService('shop', 'front', {
      hosts: ['shop.example'],
      gateways: ['shop-gateway'],
      http: [{ match: [{ uri: { prefix: '/reviews' } }], delegate: { name: 'reviews-routes' } }],
    });
    const delegate = virtualService('shop', 'reviews-routes', {
      http: [{ route: [{ destination: { host: 'reviews' } }] }],
    });
    const sites = collectVirtualServices(indexSnapshot(shopSnapshot([root, delegate])));
    expect(sites.find((site) => site.name === 'reviews-routes')?.node.details).toEqual([
      'delegate of shop/front',
    ]);
  });

  it('tolerates hosts and gateways that are not lists of strings', () => {
    const odd = virtualService('shop', 'odd', { hosts: 'reviews', gateways: [3, 'mesh'] } as never);
    const sites = collectVirtualServices(indexSnapshot(shopSnapshot([odd])));
    expect(sites.find((site) => site.name === 'odd')?.node.details).toEqual(['gateways: mesh']);
  });
});
