import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../mesh/history';
import type { StoredObject } from '../../mesh/types';
import { EventLog } from '../../store/event-log';
import type { MeshStore } from '../../store/types';
import { drain } from '../lifecycle';
import { weirEntry } from './entries';
import type { HistoryStore } from './history-store';
import { HistoryRecorder } from './recorder';

/** History as several replicas share it: one record per name, a second write of a name a no-op. */
function sharedHistory(): HistoryStore & { records: Map<string, Omit<HistoryEntry, 'id'>> } {
  const records = new Map<string, Omit<HistoryEntry, 'id'>>();
  let generated = 0;
  return {
    records,
    description: 'test history',
    async record(entry, dedupeKey) {
      const name = dedupeKey ?? `generated-${generated++}`;
      if (records.has(name)) return undefined;
      records.set(name, entry);
      return { ...entry, id: name };
    },
    list: async () => [],
  };
}

const vs = (version: string, weights: number[], managers: Array<[string, string]>) =>
  ({
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: {
      name: 'reviews',
      namespace: 'shop',
      resourceVersion: version,
      managedFields: managers.map(([manager, time]) => ({ manager, operation: 'Update', time })),
    },
    spec: {
      hosts: ['reviews'],
      http: [
        {
          route: weights.map((weight, i) => ({
            destination: { host: 'reviews', subset: `v${i + 1}` },
            weight,
          })),
        },
      ],
    },
  }) as StoredObject;

describe('HistoryRecorder on a replica that did not make the write', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function replica(history: HistoryStore) {
    const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
    log.put(vs('1', [90, 10], [['weir-seed', '2026-01-01T14:00:00Z']]));
    log.setSync(true);
    const recorder = new HistoryRecorder(log as unknown as MeshStore, history, 'kube');
    recorder.start();
    return { log, recorder };
  }

  it("records nothing over another replica's write made in the same second as the creation", async () => {
    const history = sharedHistory();
    const { log } = replica(history);
    const written = vs(
      '2',
      [70, 30],
      [
        ['weir-seed', '2026-01-01T14:00:00Z'],
        ['weir', '2026-01-01T14:00:00Z'],
      ],
    );
    log.put(written);
    // The replica that wrote it records it (as the person's) within the wait.
    await vi.advanceTimersByTimeAsync(300);
    const before = log.snapshot().objects['VirtualService/shop/reviews'];
    await new HistoryRecorder(log as unknown as MeshStore, history, 'kube').record(
      weirEntry({
        user: 'olivia.operator',
        before: before as never,
        after: written as never,
        summary: 'reviews 70/30',
      }),
    );
    await vi.advanceTimersByTimeAsync(2_500);
    expect([...history.records.values()].map((entry) => [entry.source, entry.user])).toEqual([
      ['weir', 'olivia.operator'],
    ]);
  });

  it('records an outside edit at once, and a same-second tie with Weir after the wait when nobody else did', async () => {
    const history = sharedHistory();
    const { log } = replica(history);
    log.put(
      vs(
        '2',
        [70, 30],
        [
          ['weir-seed', '2026-01-01T14:00:00Z'],
          ['kubectl-edit', '2026-01-01T14:05:00Z'],
        ],
      ),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect([...history.records.values()].map((entry) => entry.user)).toEqual(['kubectl-edit']);
    log.put(
      vs(
        '3',
        [50, 50],
        [
          ['kubectl-edit', '2026-01-01T14:07:00Z'],
          ['weir', '2026-01-01T14:07:00Z'],
        ],
      ),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(history.records.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect([...history.records.values()].map((entry) => entry.user)).toEqual([
      'kubectl-edit',
      'kubectl-edit',
    ]);
  });
});

describe('HistoryRecorder at shutdown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a deletion still waiting to be recorded is recorded before the drain ends, not lost', async () => {
    const history = sharedHistory();
    const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
    log.put(vs('1', [90, 10], [['weir-seed', '2026-01-01T14:00:00Z']]));
    log.setSync(true);
    new HistoryRecorder(log as unknown as MeshStore, history, 'kube').start();
    log.delete('VirtualService/shop/reviews');
    await vi.advanceTimersByTimeAsync(0);
    // Deletions name nobody: recorded after the wait, in case another replica made it.
    expect(history.records.size).toBe(0);
    let drained = false;
    const draining = drain({ delayMs: 0, writesMs: 10_000 }).then(() => {
      drained = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(drained).toBe(false);
    await vi.advanceTimersByTimeAsync(1_500);
    await draining;
    expect([...history.records.values()].map((entry) => [entry.user, entry.after])).toEqual([
      ['unknown', undefined],
    ]);
  });
});

describe('HistoryRecorder and Gateway API routes', () => {
  const route = (version: string, weights: number[], managers: Array<[string, string]>) =>
    ({
      kind: 'HTTPRoute',
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: {
        name: 'cart',
        namespace: 'shop',
        resourceVersion: version,
        managedFields: managers.map(([manager, time]) => ({ manager, operation: 'Update', time })),
      },
      spec: {
        rules: [{ backendRefs: weights.map((weight, i) => ({ name: `cart-v${i + 1}`, port: 80, weight })) }],
      },
    }) as StoredObject;

  it('records an HTTPRoute changed outside Weir, as it does a VirtualService', async () => {
    const history = sharedHistory();
    const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
    log.put(route('1', [90, 10], [['weir-seed', '2026-01-01T14:00:00Z']]));
    log.setSync(true);
    new HistoryRecorder(log as unknown as MeshStore, history, 'kube').start();
    log.put(
      route(
        '2',
        [70, 30],
        [
          ['weir-seed', '2026-01-01T14:00:00Z'],
          ['kubectl-edit', '2026-01-01T14:05:00Z'],
        ],
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [entry] = [...history.records.values()];
    expect(entry).toMatchObject({
      object: { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' },
      user: 'kubectl-edit',
      source: 'external',
    });
    expect(entry?.summary).toBe('cart rules[0]: cart-v1:80 90% → 70%, cart-v2:80 10% → 30%');
  });
});

describe('HistoryRecorder and Gateway API Gateways', () => {
  const gateway = (version: string, listeners: Array<{ name: string; port: number; protocol: string }>) =>
    ({
      kind: 'KubernetesGateway',
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: {
        name: 'edge',
        namespace: 'shop',
        resourceVersion: version,
        managedFields: [
          {
            manager: version === '1' ? 'weir-seed' : 'kubectl-edit',
            operation: 'Update',
            time: `2026-01-01T14:0${version}:00Z`,
          },
        ],
      },
      spec: { gatewayClassName: 'istio', listeners },
    }) as StoredObject;

  it('records a Gateway’s listeners changed outside Weir (Weir edits them too)', async () => {
    const history = sharedHistory();
    const log = new EventLog({ backend: 'kube', source: 'test', demo: false });
    log.put(gateway('1', [{ name: 'http', port: 80, protocol: 'HTTP' }]));
    log.setSync(true);
    new HistoryRecorder(log as unknown as MeshStore, history, 'kube').start();
    log.put(gateway('2', [{ name: 'http', port: 8080, protocol: 'HTTP' }]));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [entry] = [...history.records.values()];
    expect(entry).toMatchObject({
      object: { kind: 'KubernetesGateway', namespace: 'shop', name: 'edge' },
      user: 'kubectl-edit',
      source: 'external',
    });
    expect(entry?.summary).toBe('edge: listener http: http 80/HTTP → http 8080/HTTP');
  });
});
