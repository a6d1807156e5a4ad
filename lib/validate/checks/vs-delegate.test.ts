import { describe, expect, it } from 'vitest';
import { brief, findingsOf, virtualService } from '../test-fixtures';
import { vsDelegate } from './vs-delegate';

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

  it('reports a delegate that does not exist (namespace defaults to the root one)', () => {
    const objects = [
      virtualService('shop', 'root', {
        hosts: ['shop.example.com'],
        http: [{ delegate: { name: 'pay-routes' } }],
      }),
      virtualService('payments', 'pay-routes', { http: [] }),
    ];
    const findings = findingsOf(vsDelegate, objects);
    expect(brief(findings)).toEqual(['VS_DELEGATE_NOT_FOUND VirtualService/shop/root spec.http[0].delegate']);
    expect(findings[0]?.message).toContain('shop/pay-routes');
  });
});
