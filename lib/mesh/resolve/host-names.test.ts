import { describe, expect, it } from 'vitest';
import { hostNamespace, isClusterHost, selectorText, shortHost } from '.';

describe('host names', () => {
  it('tell cluster hosts apart and shorten them', () => {
    expect(isClusterHost('reviews.shop.svc.cluster.local')).toBe(true);
    expect(isClusterHost('api.stripe.com')).toBe(false);
    expect(hostNamespace('reviews.shop.svc.cluster.local')).toBe('shop');
    expect(hostNamespace('api.stripe.com')).toBeUndefined();
    expect(shortHost('reviews.shop.svc.cluster.local')).toBe('reviews');
    expect(shortHost('api.stripe.com')).toBe('api.stripe.com');
  });
});

describe('selectorText', () => {
  it('is stable whatever the key order', () => {
    expect(selectorText({ version: 'v1', app: 'cart' })).toBe('app=cart,version=v1');
    expect(selectorText({ version: 'v2', app: 'reviews' })).toBe('app=reviews,version=v2');
    expect(selectorText(undefined)).toBe('');
  });
});
