import { describe, expect, it } from 'vitest';
import { backendShareChanges } from './backend-share-changes';
import type { BackendRef, GwHTTPRoute } from './gateway-api-types';

const route = (backendRefs: BackendRef[]): GwHTTPRoute => ({
  kind: 'HTTPRoute',
  apiVersion: 'gateway.networking.k8s.io/v1',
  metadata: { name: 'cart', namespace: 'shop' },
  spec: { rules: [{ backendRefs }] },
});

describe('backendShareChanges', () => {
  it('says how shares moved, and which backend was added or removed', () => {
    const v1 = { name: 'cart-v1', port: 80, weight: 90 };
    const v2 = { name: 'cart-v2', port: 80, weight: 10 };
    expect(backendShareChanges(route([v1, v2]), route([v1, { ...v2, weight: 30 }]))).toEqual([
      'rules[0]: cart-v1:80 90% → 75%, cart-v2:80 10% → 25%',
    ]);
    expect(
      backendShareChanges(route([v1, v2]), route([v1, v2, { name: 'cart-v3', port: 80, weight: 0 }])),
    ).toEqual(['rules[0]: cart-v3:80 added at 0%']);
    expect(backendShareChanges(route([v1, v2]), route([v1]))).toEqual([
      'rules[0]: cart-v1:80 90% → 100%, cart-v2:80 removed (10%)',
    ]);
    expect(backendShareChanges(route([v1, { ...v2, weight: 0 }]), route([v1]))).toEqual([
      'rules[0]: cart-v2:80 removed (0%)',
    ]);
  });

  it('tells apart backends of one name and port in other namespaces or of another kind', () => {
    const here = { name: 'cart', port: 80, weight: 1 };
    const there = { name: 'cart', namespace: 'payments', port: 80, weight: 1 };
    const host = { group: 'networking.istio.io', kind: 'Hostname', name: 'cart', port: 80, weight: 0 };
    expect(backendShareChanges(route([here]), route([here, there]))).toEqual([
      'rules[0]: cart:80 100% → 50%, cart.payments:80 added at 50%',
    ]);
    expect(backendShareChanges(route([here]), route([here, host]))).toEqual([
      'rules[0]: cart:80 (Hostname) added at 0%',
    ]);
  });
});
