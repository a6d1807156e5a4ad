import { useSyncExternalStore } from 'react';
import { createListeners } from '@/lib/client/external-store';
import type { EdgeTraffic, TrafficStatus, TrafficWindow } from '@/lib/traffic/types';

/**
 * Each weight edge's (and workload node's) measured traffic, outside React: a refresh replaces them all at once
 * (one notification), and an edge re-renders only when its own figures changed.
 */
function createEdgeTrafficStore() {
  let values = new Map<string, EdgeTraffic>();
  let status: TrafficStatus = { state: 'off' };
  let window: TrafficWindow = '1m';
  const { subscribe, notify } = createListeners();
  return {
    subscribe,
    get: (id: string) => values.get(id),
    status: () => status,
    /** The window the figures are of (the header's choice). */
    window: () => window,
    replace(next: ReadonlyMap<string, EdgeTraffic>, nextStatus: TrafficStatus, nextWindow: TrafficWindow) {
      window = nextWindow;
      const kept = new Map<string, EdgeTraffic>();
      for (const [id, traffic] of next) {
        const before = values.get(id);
        kept.set(id, before && sameTraffic(before, traffic) ? before : traffic);
      }
      values = kept;
      status = nextStatus;
      notify();
    },
  };
}

function sameTraffic(a: EdgeTraffic, b: EdgeTraffic): boolean {
  return (
    a.rps === b.rps &&
    a.share === b.share &&
    a.success === b.success &&
    a.p50 === b.p50 &&
    a.p99 === b.p99 &&
    a.tcpBytes === b.tcpBytes &&
    a.convergingOn === b.convergingOn
  );
}

export const edgeTrafficStore = createEdgeTrafficStore();

/** One edge's figures and whether they are fresh. */
export function useEdgeTraffic(id: string): { traffic?: EdgeTraffic; stale: boolean } {
  const traffic = useSyncExternalStore(
    edgeTrafficStore.subscribe,
    () => edgeTrafficStore.get(id),
    () => undefined,
  );
  const stale = useSyncExternalStore(
    edgeTrafficStore.subscribe,
    () => edgeTrafficStore.status().state === 'stale',
    () => false,
  );
  return { traffic, stale };
}
