import { describe, expect, it } from 'vitest';
import {
  brief,
  findingsOf,
  namespace,
  routeTo,
  service,
  serviceEntry,
  virtualService,
} from '../test-fixtures';
import { vsDestinationHost } from './vs-destination-host';

describe('vs-destination-host', () => {
  it('accepts short, namespace-relative and fully qualified Service hosts and ServiceEntry hosts', () => {
    const objects = [
      namespace('shop'),
      namespace('payments'),
      service('shop', 'cart'),
      service('payments', 'payments'),
      serviceEntry('shop', 'stripe', { hosts: ['api.stripe.com'], location: 'MESH_EXTERNAL' }),
      serviceEntry('shop', 'cdn', { hosts: ['*.cdn.example.com'] }),
      virtualService('shop', 'cart', {
        hosts: ['cart'],
        http: [
          routeTo('cart'),
          routeTo('payments.payments'),
          routeTo('payments.payments.svc.cluster.local'),
          routeTo('api.stripe.com'),
          routeTo('img.cdn.example.com'),
          { ...routeTo('cart'), mirror: { host: 'Cart.shop.svc.cluster.local' } },
        ],
      }),
    ];
    expect(findingsOf(vsDestinationHost, objects)).toEqual([]);
  });

  it('reports an unknown in-cluster host (short names are relative to the VirtualService) and an undeclared external one', () => {
    const objects = [
      namespace('shop'),
      service('payments', 'payments'),
      service('shop', 'checkout'),
      virtualService('shop', 'checkout', {
        hosts: ['checkout'],
        http: [{ ...routeTo('payments'), mirror: { host: 'checkout-shadow' } }, routeTo('api.stripe.com')],
      }),
    ];
    const findings = findingsOf(vsDestinationHost, objects);
    expect(brief(findings)).toEqual([
      'VS_HOST_NOT_FOUND VirtualService/shop/checkout spec.http[0].route[0].destination.host',
      'VS_EXTERNAL_HOST_UNKNOWN VirtualService/shop/checkout spec.http[1].route[0].destination.host',
      'VS_HOST_NOT_FOUND VirtualService/shop/checkout spec.http[0].mirror.host',
    ]);
    expect(findings[0]?.message).toContain('payments.shop.svc.cluster.local');
    expect(findings[0]).toMatchObject({ severity: 'error', istioCode: 'IST0101' });
  });

  it('leaves hosts of a namespace none of whose Services it holds unjudged (a GitOps folder without them)', () => {
    const vs = virtualService('shop', 'checkout', { hosts: ['checkout'], http: [routeTo('payments')] });
    expect(findingsOf(vsDestinationHost, [service('other', 'x'), vs])).toEqual([]);
    expect(brief(findingsOf(vsDestinationHost, [service('shop', 'x'), vs]))).toEqual([
      'VS_HOST_NOT_FOUND VirtualService/shop/checkout spec.http[0].route[0].destination.host',
    ]);
  });
});
