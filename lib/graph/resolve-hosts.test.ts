import { describe, expect, it } from 'vitest';
import { hostCovers, hostNamespace, isClusterHost, resolveHost, shortHost } from './resolve-hosts';

const known = new Set(['shop', 'payments']);

describe('resolveHost', () => {
  it('expands a short name in the namespace it is written in', () => {
    expect(resolveHost('reviews', 'shop', known)).toBe('reviews.shop.svc.cluster.local');
    expect(resolveHost(' Reviews ', 'shop', known)).toBe('reviews.shop.svc.cluster.local');
  });

  it('expands name.namespace and name.namespace.svc', () => {
    expect(resolveHost('reviews.shop', 'payments', known)).toBe('reviews.shop.svc.cluster.local');
    expect(resolveHost('charge.payments.svc', 'shop', known)).toBe('charge.payments.svc.cluster.local');
    expect(resolveHost('reviews.shop.svc.cluster.local', 'payments', known)).toBe(
      'reviews.shop.svc.cluster.local',
    );
  });

  it('keeps wildcard and external hosts as written', () => {
    expect(resolveHost('*.shop.example', 'shop', known)).toBe('*.shop.example');
    expect(resolveHost('*', 'shop', known)).toBe('*');
    expect(resolveHost('api.stripe.com', 'shop', known)).toBe('api.stripe.com');
    expect(resolveHost('example.com', 'shop', known)).toBe('example.com');
  });
});

describe('host helpers', () => {
  it('tell cluster hosts apart and shorten them', () => {
    expect(isClusterHost('reviews.shop.svc.cluster.local')).toBe(true);
    expect(isClusterHost('api.stripe.com')).toBe(false);
    expect(hostNamespace('reviews.shop.svc.cluster.local')).toBe('shop');
    expect(hostNamespace('api.stripe.com')).toBeUndefined();
    expect(shortHost('reviews.shop.svc.cluster.local')).toBe('reviews');
    expect(shortHost('api.stripe.com')).toBe('api.stripe.com');
  });

  it('match wildcards by suffix', () => {
    expect(hostCovers('*.shop.svc.cluster.local', 'reviews.shop.svc.cluster.local')).toBe(true);
    expect(hostCovers('*', 'anything')).toBe(true);
    expect(hostCovers('reviews.shop.svc.cluster.local', 'ratings.shop.svc.cluster.local')).toBe(false);
  });
});
