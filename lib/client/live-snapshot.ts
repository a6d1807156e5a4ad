import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EventMessage } from '../api/snapshot';
import type { MeshSnapshot } from '../mesh/types';
import type { TrafficReport } from '../traffic/types';
import { applyEvents } from './apply-event';
import { supersededByOwnWrites } from './change-mutation';
import { SNAPSHOT_KEY, setViewedNamespaces, snapshotQuery, viewQuery } from './queries';
import { streamedReport, TRAFFIC_KEY } from './traffic-query';

export type Connection = 'connecting' | 'connected' | 'reconnecting';

export interface LiveStatus {
  connection: Connection;
  /** True when what is on screen may be out of date: the stream or the store's watch is down. */
  stale: boolean;
  /** Epoch ms since which the data may be out of date, while stale. */
  staleSince?: number;
}

/** Events arriving within this window are applied as one cache write (one graph rebuild). */
const BATCH_MS = 16;
const MAX_BACKOFF_MS = 15_000;

/**
 * The snapshot of the namespaces in view (none: the whole mesh), kept current by one
 * Server-Sent Events stream of that view that patches the query cache. Call it once, near the
 * top of the page; `enabled: false` (a past point in time) neither loads nor listens. Another
 * view loads its own snapshot and stream.
 */
export function useLiveSnapshot(enabled = true, namespaces: readonly string[] = []) {
  const queryClient = useQueryClient();
  const view = namespaces.join('\n');
  // Before the first load, which this render's query starts.
  const loadedFor = useRef<string>(undefined);
  // Nothing loaded yet (the overview, which loads no snapshot, was shown): the first load is this view's.
  const nothingHeld =
    queryClient.getQueryData(SNAPSHOT_KEY) === undefined &&
    queryClient.isFetching({ queryKey: SNAPSHOT_KEY }) === 0;
  if (loadedFor.current === undefined || (nothingHeld && loadedFor.current !== view)) {
    loadedFor.current = view;
    setViewedNamespaces(namespaces);
  }
  const query = useQuery({ ...snapshotQuery(), enabled });
  const loaded = enabled && query.data !== undefined;
  const [connection, setConnection] = useState<Connection>('connecting');
  const [downSince, setDownSince] = useState<number>();

  useEffect(() => {
    if (!loaded) return;
    let source: EventSource | undefined;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let batchTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    let batch: EventMessage[] = [];

    const flush = () => {
      batchTimer = undefined;
      const events = batch;
      batch = [];
      queryClient.setQueryData<MeshSnapshot>(
        SNAPSHOT_KEY,
        (snapshot) => snapshot && applyEvents(snapshot, events, supersededByOwnWrites),
      );
    };

    const down = () => {
      setConnection('reconnecting');
      setDownSince((since) => since ?? Date.now());
    };

    const open = () => {
      if (stopped) return;
      const after = queryClient.getQueryData<MeshSnapshot>(SNAPSHOT_KEY)?.sequence ?? 0;
      const scope = viewQuery();
      const stream = new EventSource(`/api/events?after=${after}${scope ? `&${scope}` : ''}`);
      source = stream;
      stream.onopen = () => {
        failures = 0;
        setConnection('connected');
        setDownSince(undefined);
      };
      stream.onmessage = (message: MessageEvent<string>) => {
        batch.push(JSON.parse(message.data) as EventMessage);
        batchTimer ??= setTimeout(flush, BATCH_MS);
      };
      // Live traffic (WEIR_PROMETHEUS_URL): each refresh replaces every window's report.
      stream.addEventListener('traffic', (message: MessageEvent<string>) => {
        queryClient.setQueriesData(
          { queryKey: TRAFFIC_KEY },
          streamedReport(JSON.parse(message.data) as TrafficReport),
        );
      });
      stream.addEventListener('reset', () => {
        stream.close();
        if (batchTimer) clearTimeout(batchTimer);
        batchTimer = undefined;
        batch = [];
        void queryClient.refetchQueries({ queryKey: SNAPSHOT_KEY }).finally(open);
      });
      stream.onerror = () => {
        down();
        // The browser retries by itself (sending Last-Event-ID) unless the server answered
        // with an error status; then the stream is closed and reopening is up to us.
        if (stream.readyState === EventSource.CLOSED) {
          failures += 1;
          reopenTimer = setTimeout(open, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures));
        }
      };
    };

    // Another view: its own snapshot first, then its stream from there.
    if (loadedFor.current !== view) {
      loadedFor.current = view;
      setViewedNamespaces(view ? view.split('\n') : []);
      void queryClient.refetchQueries({ queryKey: SNAPSHOT_KEY }).finally(open);
    } else open();
    return () => {
      stopped = true;
      source?.close();
      if (reopenTimer) clearTimeout(reopenTimer);
      if (batchTimer) clearTimeout(batchTimer);
    };
  }, [loaded, queryClient, view]);

  const sync = query.data?.sync;
  const unsynced = sync && !sync.synced ? Date.parse(sync.syncedAt) : undefined;
  const disconnected = connection === 'reconnecting' ? (downSince ?? query.dataUpdatedAt) : undefined;
  const candidates = [unsynced, disconnected].filter((time): time is number => time !== undefined);
  const stale = candidates.length > 0;
  const staleSince = stale ? Math.min(...candidates) : undefined;
  // The same object while nothing in it changed: the page's editing follows it, and a new one
  // on every snapshot change (each write of a drag, pending, landing and heard back) re-rendered
  // every edge label of the canvas through the editing context.
  const live = useMemo<LiveStatus>(
    () => ({ connection, stale, staleSince }),
    [connection, stale, staleSince],
  );
  return { query, live };
}
