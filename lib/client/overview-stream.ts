import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { OverviewAnswer, OverviewPatch } from '../api/overview';
import { applyOverviewPatch } from '../graph/overview-patch';
import { overviewQuery } from './overview-query';

const MAX_BACKOFF_MS = 15_000;

/**
 * Keeps the all-namespaces overview in the query cache current from GET /api/overview/events:
 * each message replaces the entries of the namespaces that changed. Opened while `enabled` (the
 * overview drawn as cards) from the sequence of the overview held; `reset` reads the overview again and resumes from there. The
 * browser reconnects by itself, sending the last sequence it got.
 */
export function useOverviewStream(enabled: boolean): void {
  const queryClient = useQueryClient();
  const key = overviewQuery().queryKey;
  const held = queryClient.getQueryData<OverviewAnswer>(key) !== undefined;
  useEffect(() => {
    if (!enabled || !held) return;
    let source: EventSource | undefined;
    let stopped = false;
    let failures = 0;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      if (stopped) return;
      const after = queryClient.getQueryData<OverviewAnswer>(key)?.sequence;
      if (after === undefined) return;
      const stream = new EventSource(`/api/overview/events?after=${after}`);
      source = stream;
      stream.onopen = () => {
        failures = 0;
      };
      stream.onmessage = (message: MessageEvent<string>) => {
        const patch = JSON.parse(message.data) as OverviewPatch;
        queryClient.setQueryData<OverviewAnswer>(key, (overview) =>
          overview ? applyOverviewPatch(overview, patch) : overview,
        );
      };
      stream.addEventListener('reset', () => {
        stream.close();
        void queryClient.refetchQueries({ queryKey: key }).finally(open);
      });
      // The browser retries by itself unless the server answered with an error status (a 502
      // while it restarts, a 401 once the session ended): then the stream is closed and the
      // cards would freeze. Read the overview again and reopen, backing off, as the live
      // snapshot does.
      stream.onerror = () => {
        if (stream.readyState !== EventSource.CLOSED) return;
        failures += 1;
        reopenTimer = setTimeout(
          () => void queryClient.refetchQueries({ queryKey: key }).finally(open),
          Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures),
        );
      };
    };
    open();
    return () => {
      stopped = true;
      if (reopenTimer) clearTimeout(reopenTimer);
      source?.close();
    };
  }, [enabled, held, queryClient, key]);
}
