import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@/lib/mesh/history';
import { atOrBefore, authorText, edgeChangeText, restorePlan, shortTime } from './history-lines';

const entry: HistoryEntry = {
  id: 'shop/catalog-abc',
  object: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
  user: 'olivia.operator',
  time: '2026-03-03T14:02:00Z',
  source: 'weir',
  summary: 'catalog http[0]: v1 90% → 75%, v2 10% → 25%',
  note: 'canary step 2',
  routes: [
    {
      routeKind: 'http',
      routeIndex: 0,
      before: [
        { host: 'catalog', subset: 'v1', weight: 90 },
        { host: 'catalog', subset: 'v2', weight: 10 },
      ],
      after: [
        { host: 'catalog', subset: 'v1', weight: 75 },
        { host: 'catalog', subset: 'v2', weight: 25 },
      ],
    },
  ],
};

describe('history lines', () => {
  it('says what an entry did to one weighted edge', () => {
    const focus = {
      routeKind: 'http' as const,
      routeIndex: 0,
      host: 'catalog.shop.svc.cluster.local',
      subset: 'v2',
    };
    expect(edgeChangeText(entry, { ...focus, host: 'catalog' })).toBe('catalog v2: 10% → 25%');
    expect(edgeChangeText(entry, { ...focus, routeIndex: 1 })).toBeUndefined();
  });

  it('names an outside author as such', () => {
    expect(authorText(entry)).toBe('olivia.operator');
    expect(authorText({ ...entry, source: 'external', user: 'kubectl-edit' })).toBe(
      'kubectl-edit (outside Weir)',
    );
  });

  it('shows the clock for today and the day otherwise', () => {
    const now = new Date('2026-03-03T18:00:00');
    expect(shortTime(new Date('2026-03-03T14:02:00').toISOString(), now)).toBe('14:02');
    expect(shortTime(new Date('2026-03-01T09:05:00').toISOString(), now)).toBe('1 Mar 09:05');
  });

  it('restores the weights from before a change only onto the same destinations', () => {
    const now = [
      { host: 'catalog', subset: 'v1', weight: 75 },
      { host: 'catalog', subset: 'v2', weight: 25 },
    ];
    expect(restorePlan(entry, 'http', 0, now)).toEqual({ weights: [90, 10] });
    expect(restorePlan(entry, 'http', 0, [{ host: 'catalog', subset: 'v1', weight: 100 }])).toHaveProperty(
      'reason',
    );
    expect(
      restorePlan(entry, 'http', 0, [
        { host: 'catalog', subset: 'v1', weight: 90 },
        { host: 'catalog', subset: 'v2', weight: 10 },
      ]),
    ).toEqual({ reason: 'these are the weights now' });
    expect(restorePlan(entry, 'tcp', 0, now)).toHaveProperty('reason');
  });
});

describe('atOrBefore', () => {
  const times = ['2026-03-03T14:05:00Z', '2026-03-03T14:00:00Z', '2026-03-03T13:59:59.999Z'].map((time) => ({
    time,
  }));

  it('keeps the entries recorded at or before a past time, in their order', () => {
    expect(atOrBefore(times, '2026-03-03T14:00:00.000Z').map((e) => e.time)).toEqual([
      '2026-03-03T14:00:00Z',
      '2026-03-03T13:59:59.999Z',
    ]);
  });

  it('keeps them all without a time, or with one that is not a time', () => {
    expect(atOrBefore(times, null)).toHaveLength(3);
    expect(atOrBefore(times, 'yesterday')).toHaveLength(3);
  });
});
