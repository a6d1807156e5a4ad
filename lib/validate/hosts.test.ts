import { describe, expect, it } from 'vitest';
import { hostCandidates, hostsOverlap, isClusterLocalHost, splitServerHost } from './hosts';

describe('hostCandidates', () => {
  it('expands short names relative to the namespace and tries name.namespace(.svc) as a Service', () => {
    expect(hostCandidates('Reviews', 'shop')).toEqual(['reviews.shop.svc.cluster.local']);
    expect(hostCandidates('reviews.prod', 'shop')).toEqual([
      'reviews.prod',
      'reviews.prod.svc.cluster.local',
    ]);
    expect(hostCandidates('reviews.prod.svc', 'shop')).toEqual([
      'reviews.prod.svc',
      'reviews.prod.svc.cluster.local',
    ]);
    expect(hostCandidates('api.example.com', 'shop')).toEqual(['api.example.com']);
    expect(hostCandidates('*.example.com', 'shop')).toEqual(['*.example.com']);
  });
});

describe('isClusterLocalHost', () => {
  const namespaces = new Set(['prod']);
  it('tells cluster names from external ones', () => {
    expect(isClusterLocalHost('reviews', namespaces)).toBe(true);
    expect(isClusterLocalHost('reviews.prod', namespaces)).toBe(true);
    expect(isClusterLocalHost('reviews.prod.svc.cluster.local', namespaces)).toBe(true);
    expect(isClusterLocalHost('httpbin.org', namespaces)).toBe(false);
    expect(isClusterLocalHost('api.example.com', namespaces)).toBe(false);
  });
});

describe('hostsOverlap', () => {
  it('matches equal names, wildcards against names and wildcards against wildcards', () => {
    expect(hostsOverlap('shop.example.com', 'SHOP.example.com')).toBe(true);
    expect(hostsOverlap('*.example.com', 'shop.example.com')).toBe(true);
    expect(hostsOverlap('shop.example.com', '*')).toBe(true);
    expect(hostsOverlap('*.example.com', '*.shop.example.com')).toBe(true);
  });
  it('does not match different names or a wildcard of another domain', () => {
    expect(hostsOverlap('shop.example.com', 'blog.example.com')).toBe(false);
    expect(hostsOverlap('*.example.org', 'shop.example.com')).toBe(false);
    expect(hostsOverlap('*.a.example.com', '*.b.example.com')).toBe(false);
  });
});

describe('splitServerHost', () => {
  it('reads namespace/host, ./host and a bare host', () => {
    expect(splitServerHost('shop/shop.example.com', 'istio-system')).toEqual({
      namespace: 'shop',
      host: 'shop.example.com',
    });
    expect(splitServerHost('./shop.example.com', 'istio-system')).toEqual({
      namespace: 'istio-system',
      host: 'shop.example.com',
    });
    expect(splitServerHost('shop.example.com', 'istio-system')).toEqual({
      namespace: '*',
      host: 'shop.example.com',
    });
  });
});
