import { describe, expect, it } from 'vitest';
import type { MeshSnapshot, VirtualService } from './types';
import { weightOnlyChanges } from './weights-only-diff';

const vs: VirtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'catalog', namespace: 'shop', resourceVersion: '1' },
  spec: {
    hosts: ['catalog'],
    http: [
      {
        route: [
          { destination: { host: 'catalog', subset: 'v1' }, weight: 90 },
          { destination: { host: 'catalog', subset: 'v2' }, weight: 10 },
        ],
      },
    ],
  },
};
const KEY = 'VirtualService/shop/catalog';
const sync = { backend: 'kube', source: 'test', demo: false, synced: true, syncedAt: '' } as const;
const before: MeshSnapshot = { sequence: 1, sync, objects: { [KEY]: vs } };

function withVs(change: (copy: VirtualService) => void): MeshSnapshot {
  const copy = structuredClone(vs);
  change(copy);
  return { ...before, objects: { ...before.objects, [KEY]: copy } };
}

describe('weightOnlyChanges', () => {
  it('names a VirtualService whose weights (and version) alone moved', () => {
    const after = withVs((copy) => {
      const route = copy.spec.http?.[0]?.route ?? [];
      if (route[0]) route[0].weight = 70;
      if (route[1]) route[1].weight = 30;
      copy.metadata.resourceVersion = '2';
    });
    expect(weightOnlyChanges(before, after)).toEqual([KEY]);
    expect(weightOnlyChanges(before, { ...before, sequence: 2 })).toEqual([]);
  });

  it('says nothing when another field moved, or an object came or went', () => {
    expect(
      weightOnlyChanges(
        before,
        withVs((copy) => {
          const route = copy.spec.http?.[0]?.route ?? [];
          if (route[1]) route[1].destination.subset = 'v3';
        }),
      ),
    ).toBeUndefined();
    expect(
      weightOnlyChanges(
        before,
        withVs((copy) => (copy.metadata.labels = { a: 'b' })),
      ),
    ).toBeUndefined();
    expect(weightOnlyChanges(before, { ...before, objects: {} })).toBeUndefined();
    expect(
      weightOnlyChanges(before, { ...before, objects: { ...before.objects, 'VirtualService/shop/b': vs } }),
    ).toBeUndefined();
    expect(weightOnlyChanges(before, { ...before, namespaces: ['shop'] })).toBeUndefined();
  });
});
