import { describe, expect, it } from 'vitest';
import { brief, destinationRule, findingsOf, service } from '../test-fixtures';
import { drDuplicateHost } from './dr-duplicate-host';

describe('dr-duplicate-host', () => {
  it('accepts one rule per host and namespace, client-side overrides elsewhere and workload-scoped rules', () => {
    const objects = [
      service('shop', 'cart'),
      destinationRule('shop', 'cart', { host: 'cart' }),
      destinationRule('payments', 'cart-from-payments', { host: 'cart.shop.svc.cluster.local' }),
      destinationRule('shop', 'cart-for-canary', {
        host: 'cart',
        workloadSelector: { matchLabels: { app: 'checkout' } },
      }),
    ];
    expect(findingsOf(drDuplicateHost, objects)).toEqual([]);
  });

  it('reports both rules for one host in one namespace', () => {
    const objects = [
      service('shop', 'cart'),
      destinationRule('shop', 'cart', { host: 'cart' }),
      destinationRule('shop', 'cart-tls', { host: 'cart.shop.svc.cluster.local' }),
    ];
    expect(brief(findingsOf(drDuplicateHost, objects))).toEqual([
      'DR_DUPLICATE_HOST DestinationRule/shop/cart spec.host',
      'DR_DUPLICATE_HOST DestinationRule/shop/cart-tls spec.host',
    ]);
  });
});
