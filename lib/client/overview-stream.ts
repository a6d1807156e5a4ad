import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { OverviewAnswer, OverviewPatch } from '../api/overview';
import { applyOverviewPatch } from '../graph/overview-patch';
import { overviewQuery } from './overview-query';

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
    const open = () => {
      if (stopped) return;
      const after = queryClient.getQueryData<OverviewAnswer>(key)?.sequence;
      if (after === undefined) return;
      const stream = new EventSource(`/api/overview/events?after=${after}`);
      source = stream;
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
    };
    open();
    return () => {
      stopped = true;
      source?.close();
    };
  }, [enabled, held, queryClient, key]);
}
