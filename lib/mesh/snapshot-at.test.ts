import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from './history';
import { snapshotAt } from './snapshot-at';
import type { MeshSnapshot, VirtualService, VirtualServiceSpec } from './types';

const spec = (v1: number, v2: number): VirtualServiceSpec => ({
  hosts: ['catalog'],
  http: [
    {
      route: [
        { destination: { host: 'catalog', subset: 'v1' }, weight: v1 },
        { destination: { host: 'catalog', subset: 'v2' }, weight: v2 },
      ],
    },
  ],
});
const vs = (name: string, s: VirtualServiceSpec, resourceVersion = '9'): VirtualService => ({
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name, namespace: 'shop', resourceVersion },
  spec: s,
});
const ref = (name: string) => ({ kind: 'VirtualService' as const, namespace: 'shop', name });
const entry = (id: string, name: string, time: string, rest: Partial<HistoryEntry>): HistoryEntry => ({
  id,
  object: ref(name),
  user: 'olivia.operator',
  time,
  source: 'weir',
  summary: '',
  routes: [],
  ...rest,
});
const snapshot = (...objects: VirtualService[]): MeshSnapshot => ({
  sequence: 7,
  objects: Object.fromEntries(objects.map((o) => [`VirtualService/shop/${o.metadata.name}`, o])),
  sync: { synced: true, syncedAt: '2026-11-23T15:00:00.000Z' } as MeshSnapshot['sync'],
});
const weightsOf = (s: MeshSnapshot, name: string) =>
  (s.objects[`VirtualService/shop/${name}`] as VirtualService | undefined)?.spec.http?.[0]?.route?.map(
    (r) => r.weight,
  );

describe('snapshotAt', () => {
  const history = [
    entry('a', 'catalog', '2026-11-23T13:00:00Z', {
      before: { spec: spec(100, 0) },
      after: { spec: spec(90, 10) },
    }),
    entry('b', 'catalog', '2026-11-23T14:30:00Z', {
      before: { spec: spec(90, 10), resourceVersion: '5' },
      after: { spec: spec(75, 25) },
    }),
    entry('c', 'catalog', '2026-11-23T14:45:00Z', {
      before: { spec: spec(75, 25) },
      after: { spec: spec(50, 50) },
    }),
  ];

  it('walks the changes after the time back, newest first, to the spec recorded before them', () => {
    const result = snapshotAt(
      snapshot(vs('catalog', spec(50, 50))),
      [...history].reverse(),
      '2026-11-23T14:00:00Z',
    );
    expect(weightsOf(result.snapshot, 'catalog')).toEqual([90, 10]);
    expect(result.snapshot.objects['VirtualService/shop/catalog']?.metadata.resourceVersion).toBe('5');
    expect(result.approximate).toEqual([]);
    expect(result.at).toBe('2026-11-23T14:00:00.000Z');
  });

  it('leaves the current snapshot alone when nothing changed since', () => {
    const now = snapshot(vs('catalog', spec(50, 50)));
    const result = snapshotAt(now, history, '2026-11-23T15:00:00Z');
    expect(result.snapshot.objects).toEqual(now.objects);
  });

  it('removes an object created after the time and restores one deleted since', () => {
    const result = snapshotAt(
      snapshot(vs('catalog', spec(50, 50)), vs('fresh', spec(1, 99))),
      [
        entry('d', 'fresh', '2026-11-23T14:10:00Z', { after: { spec: spec(1, 99) } }),
        entry('e', 'gone', '2026-11-23T14:20:00Z', { source: 'external', before: { spec: spec(60, 40) } }),
      ],
      '2026-11-23T14:00:00Z',
    );
    expect(result.snapshot.objects['VirtualService/shop/fresh']).toBeUndefined();
    expect(weightsOf(result.snapshot, 'gone')).toEqual([60, 40]);
    expect(result.snapshot.objects['VirtualService/shop/gone']?.kind).toBe('VirtualService');
  });

  it('names the objects whose earlier spec was not recorded as approximate', () => {
    const result = snapshotAt(
      snapshot(vs('catalog', spec(50, 50))),
      [
        entry('f', 'catalog', '2026-11-23T14:10:00Z', { before: { resourceVersion: '3' }, after: {} }),
        entry('g', 'gone', '2026-11-23T14:20:00Z', { before: { resourceVersion: '4' } }),
      ],
      '2026-11-23T14:00:00Z',
    );
    expect(result.approximate).toEqual(['VirtualService/shop/catalog', 'VirtualService/shop/gone']);
    expect(weightsOf(result.snapshot, 'catalog')).toEqual([50, 50]);
    expect(result.snapshot.objects['VirtualService/shop/gone']).toBeUndefined();
  });

  it('is exact again when an older record carries the full spec', () => {
    const result = snapshotAt(
      snapshot(vs('catalog', spec(50, 50))),
      [
        entry('f', 'catalog', '2026-11-23T14:40:00Z', { before: { resourceVersion: '3' } }),
        entry('h', 'catalog', '2026-11-23T14:10:00Z', { before: { spec: spec(80, 20) } }),
      ],
      '2026-11-23T14:00:00Z',
    );
    expect(result.approximate).toEqual([]);
    expect(weightsOf(result.snapshot, 'catalog')).toEqual([80, 20]);
  });
});
