import { describe, expect, it } from 'vitest';
import { brief, destinationRule, findingsOf, service, serviceEntry } from '../test-fixtures';
import { drHost } from './dr-host';

describe('dr-host', () => {
  it('accepts Service and ServiceEntry hosts and wildcard policies', () => {
    const objects = [
      service('shop', 'cart'),
      serviceEntry('shop', 'stripe', { hosts: ['api.stripe.com'] }),
      destinationRule('shop', 'cart', { host: 'cart' }),
      destinationRule('payments', 'cart', { host: 'cart.shop.svc.cluster.local' }),
      destinationRule('shop', 'stripe', { host: 'api.stripe.com' }),
      destinationRule('istio-system', 'default', { host: '*.local' }),
    ];
    expect(findingsOf(drHost, objects)).toEqual([]);
  });

  it('reports a host that matches nothing (short names are relative to the rule)', () => {
    const objects = [
      service('shop', 'cart'),
      service('payments', 'payments'),
      destinationRule('payments', 'cart', { host: 'cart' }),
    ];
    const findings = findingsOf(drHost, objects);
    expect(brief(findings)).toEqual(['DR_HOST_NOT_FOUND DestinationRule/payments/cart spec.host']);
    expect(findings[0]).toMatchObject({ severity: 'warning', istioCode: 'IST0174' });
    expect(findings[0]?.message).toContain('cart.payments.svc.cluster.local');
  });

  it('does not judge hosts of a namespace none of whose Services it holds', () => {
    const objects = [service('shop', 'cart'), destinationRule('payments', 'cart', { host: 'cart' })];
    expect(findingsOf(drHost, objects)).toEqual([]);
  });
});
