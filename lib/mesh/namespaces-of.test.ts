import { describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { namespacesOf } from './namespaces-of';

describe('namespacesOf', () => {
  it('lists namespaces from Namespace objects and from where objects live, once each, sorted', () => {
    const snapshot: MeshSnapshot = {
      sequence: 1,
      objects: {
        'Namespace//shop': { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'shop' }, spec: {} },
        'Service/payments/api': {
          kind: 'Service',
          apiVersion: 'v1',
          metadata: { name: 'api', namespace: 'payments' },
          spec: {},
        },
        'Service/shop/cart': {
          kind: 'Service',
          apiVersion: 'v1',
          metadata: { name: 'cart', namespace: 'shop' },
          spec: {},
        },
      },
      sync: { backend: 'files', source: 'demo', demo: true, synced: true, syncedAt: '2025-01-01T00:00:00Z' },
    };
    expect(namespacesOf(snapshot)).toEqual(['payments', 'shop']);
  });
});
