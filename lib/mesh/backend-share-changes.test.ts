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
});
