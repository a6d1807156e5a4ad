import { describe, expect, it } from 'vitest';
import { brief, findingsOf, virtualService } from '../test-fixtures';
import { vsDelegate } from './vs-delegate';

const root = (delegate: { name: string; namespace?: string }) =>
  virtualService('shop', 'root', {
    hosts: ['shop.example.com'],
    gateways: ['shop-gateway'],
    http: [{ match: [{ uri: { prefix: '/cart' } }], delegate }],
  });
const cartRoutes = (ns = 'shop', name = 'cart-routes', hosts?: string[]) =>
  virtualService(ns, name, {
    ...(hosts && { hosts }),
    http: [{ route: [{ destination: { host: 'cart' } }] }],
  });

describe('vs-delegate', () => {
  it('accepts delegates that exist, in the same or another namespace', () => {
    const objects = [
      virtualService('shop', 'root', {
        hosts: ['shop.example.com'],
        gateways: ['shop-gateway'],
        http: [
          { match: [{ uri: { prefix: '/cart' } }], delegate: { name: 'cart-routes' } },
          { match: [{ uri: { prefix: '/pay' } }], delegate: { name: 'pay-routes', namespace: 'payments' } },
        ],
      }),
      virtualService('shop', 'cart-routes', { http: [] }),
      virtualService('payments', 'pay-routes', { http: [] }),
    ];
    expect(findingsOf(vsDelegate, objects)).toEqual([]);
  });

  it('reports a delegate that does not exist (namespace defaults to the root one), and the one meant, now unused', () => {
    const objects = [
      virtualService('shop', 'root', {
        hosts: ['shop.example.com'],
        http: [{ delegate: { name: 'pay-routes' } }],
      }),
      virtualService('payments', 'pay-routes', { http: [] }),
    ];
    const findings = findingsOf(vsDelegate, objects);
    expect(brief(findings)).toEqual([
      'VS_DELEGATE_NOT_FOUND VirtualService/shop/root spec.http[0].delegate',
      'VS_DELEGATE_UNUSED VirtualService/payments/pay-routes metadata.name',
    ]);
    expect(findings[0]?.message).toContain('shop/pay-routes');
    expect(findings[1]?.message).toContain('payments/pay-routes');
  });

  it.each([
    ['hosts', ['cart.example.com'], ['VS_DELEGATE_HAS_HOSTS VirtualService/shop/cart-routes spec.hosts']],
    ['no hosts', undefined, []],
    ['an empty hosts list', [], []],
  ])('a delegate with %s', (_name, hosts, expected) => {
    const findings = findingsOf(vsDelegate, [
      root({ name: 'cart-routes' }),
      cartRoutes('shop', 'cart-routes', hosts),
    ]);
    expect(brief(findings)).toEqual(expected);
    if (expected.length > 0) expect(findings[0]?.message).toContain('shop/root delegates spec.http[0]');
  });

  it('reports a VirtualService without hosts that no root names, but only beside some root', () => {
    const lone = cartRoutes('shop', 'old-routes');
    expect(brief(findingsOf(vsDelegate, [lone]))).toEqual([]);
    expect(brief(findingsOf(vsDelegate, [lone, root({ name: 'cart-routes' }), cartRoutes()]))).toEqual([
      'VS_DELEGATE_UNUSED VirtualService/shop/old-routes metadata.name',
    ]);
  });

  it('takes a delegation only from a VirtualService with hosts (a delegate that delegates is refused by Istio)', () => {
    const nested = virtualService('shop', 'middle', { http: [{ delegate: { name: 'cart-routes' } }] });
    expect(brief(findingsOf(vsDelegate, [nested, cartRoutes()]))).toEqual([]);
    expect(brief(findingsOf(vsDelegate, [nested, cartRoutes(), root({ name: 'middle' })]))).toEqual([
      'VS_DELEGATE_UNUSED VirtualService/shop/cart-routes metadata.name',
    ]);
  });
});
