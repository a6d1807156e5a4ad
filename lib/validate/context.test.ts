import { describe, expect, it } from 'vitest';
import { ValidationContext } from './context';
import { namespace, pod, service, serviceEntry, snapshotOf, versions } from './test-fixtures';

describe('ValidationContext', () => {
  const context = new ValidationContext(
    snapshotOf([
      namespace('shop', { 'istio-injection': 'enabled' }),
      namespace('legacy'),
      service('shop', 'cart', [8080, 9090]),
      serviceEntry('shop', 'stripe', { hosts: ['api.stripe.com'], ports: [{ number: 443, name: 'https' }] }),
      serviceEntry('shop', 'cdn', { hosts: ['*.cdn.example.com'] }),
      versions('shop', 'cart', 'v1', 'v2'),
      versions('shop', '*.shop.svc.cluster.local', 'canary'),
      pod('shop', 'cart-v1', { app: 'cart', version: 'v1' }),
      pod('legacy', 'cart-v1', { app: 'cart', version: 'v1' }),
    ]),
  );

  it('resolves hosts to Services and ServiceEntries, exact and wildcard', () => {
    expect(context.resolveHost('cart', 'shop').service?.metadata.name).toBe('cart');
    expect(context.resolveHost('cart.shop', 'payments').fqdn).toBe('cart.shop.svc.cluster.local');
    expect(context.resolveHost('api.stripe.com', 'payments').serviceEntry?.metadata.name).toBe('stripe');
    expect(context.resolveHost('img.cdn.example.com', 'shop').serviceEntry?.metadata.name).toBe('cdn');
    expect(context.resolveHost('cart', 'payments')).toMatchObject({
      fqdn: 'cart.payments.svc.cluster.local',
      clusterLocal: true,
    });
    expect(context.resolveHost('httpbin.org', 'shop')).toMatchObject({ clusterLocal: false });
  });

  it('lists ports, subsets (with wildcard rules) and selected pods', () => {
    expect(context.hostPorts(context.resolveHost('cart', 'shop'))).toEqual([8080, 9090]);
    expect([...context.subsetsFor('cart.shop.svc.cluster.local')].sort()).toEqual(['canary', 'v1', 'v2']);
    expect(context.podsSelectedBy({ app: 'cart' }, 'shop').map((p) => p.metadata.namespace)).toEqual([
      'shop',
    ]);
    expect(context.podsSelectedBy({ app: 'cart' })).toHaveLength(2);
    expect(context.podsSelectedBy({ app: 'cart', version: 'v2' })).toHaveLength(0);
  });

  it('knows which namespaces are injected', () => {
    expect(context.injection('shop')).toBe('injected');
    expect(context.injection('legacy')).toBe('not-injected');
    expect(context.injection('nowhere')).toBe('unknown');
  });
});
