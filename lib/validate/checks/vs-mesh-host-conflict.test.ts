import { describe, expect, it } from 'vitest';
import { brief, findingsOf, routeTo, service, virtualService } from '../test-fixtures';
import { vsMeshHostConflict } from './vs-mesh-host-conflict';

describe('vs-mesh-host-conflict', () => {
  it('accepts one mesh VirtualService per host, gateway-only ones and disjoint export scopes', () => {
    const objects = [
      service('shop', 'cart'),
      virtualService('shop', 'cart', { hosts: ['cart'], http: [routeTo('cart')] }),
      virtualService('shop', 'cart-edge', {
        hosts: ['cart'],
        gateways: ['shop-gateway'],
        http: [routeTo('cart')],
      }),
      virtualService('team-a', 'cart-a', {
        hosts: ['cart.shop.svc.cluster.local'],
        exportTo: ['.'],
        http: [],
      }),
      virtualService('team-b', 'cart-b', {
        hosts: ['cart.shop.svc.cluster.local'],
        exportTo: ['.'],
        http: [],
      }),
    ];
    expect(findingsOf(vsMeshHostConflict, objects)).toEqual([]);
  });

  it('reports each VirtualService when two define the same host for the mesh', () => {
    const objects = [
      service('shop', 'cart'),
      virtualService('shop', 'cart', { hosts: ['cart'], http: [routeTo('cart')] }),
      virtualService('payments', 'cart-override', {
        hosts: ['cart.shop.svc.cluster.local'],
        gateways: ['mesh'],
        http: [routeTo('cart.shop.svc.cluster.local')],
      }),
    ];
    const findings = findingsOf(vsMeshHostConflict, objects);
    expect(brief(findings)).toEqual([
      'VS_CONFLICTING_MESH_HOSTS VirtualService/shop/cart spec.hosts[0]',
      'VS_CONFLICTING_MESH_HOSTS VirtualService/payments/cart-override spec.hosts[0]',
    ]);
    expect(findings[0]?.message).toContain('payments/cart-override');
    expect(findings[0]?.istioCode).toBe('IST0109');
  });
});
