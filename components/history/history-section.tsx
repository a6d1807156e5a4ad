'use client';

import { useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { historyQuery } from '@/lib/client/history-query';
import { isOutcomeUnknown, OUTCOME_UNKNOWN } from '@/lib/client/write-outcome';
import type { HistoryEntry } from '@/lib/mesh/history';
import { routeAt } from '@/lib/mesh/routes';
import type { ObjectRef, RouteKind, StoredObject } from '@/lib/mesh/types';
import { effectiveWeights } from '@/lib/mesh/weights';
import { useEditing } from '../editing/editing-context';
import {
  atOrBefore,
  authorText,
  type EdgeFocus,
  edgeChangeText,
  restorePlan,
  routeChangeOf,
  shortTime,
} from './history-lines';
import { useRestore } from './use-restore';

const SHOWN = 12;

interface HistorySectionProps {
  objectRef: ObjectRef;
  /** The object as the screen shows it (for restore: its version and current destinations). */
  object: StoredObject | undefined;
  /** A route node or weight edge is selected: only the changes to that route. */
  route?: { routeKind: RouteKind; routeIndex: number };
  /** A weight edge is selected: each line says what happened to that destination. */
  focus?: EdgeFocus;
}

/** Who changed this object (or route, or edge), when, from what to what, why; and restore. */
export function HistorySection({ objectRef, object, route, focus }: HistorySectionProps) {
  const editing = useEditing();
  const queryClient = useQueryClient();
  const query = useQuery(historyQuery(objectRef));
  const [filter, setFilter] = useState('');
  const [all, setAll] = useState(false);
  const restore = useRestore();
  // A past view lists what had happened by then, not what came after.
  const at = useSearchParams().get('at');
  useFreshHistory(queryClient, object?.metadata.resourceVersion);

  const upToAt = useMemo(() => atOrBefore(query.data ?? [], at), [query.data, at]);
  const later = (query.data?.length ?? 0) - upToAt.length;
  const lines = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return upToAt.flatMap((entry) => {
      if (route && !routeChangeOf(entry, route.routeKind, route.routeIndex)) return [];
      const what = focus ? edgeChangeText(entry, focus) : entry.summary;
      if (!what) return [];
      const text = `${what}, by ${authorText(entry)}, ${shortTime(entry.time)}${entry.note ? `, ‘${entry.note}’` : ''}`;
      if (needle && !`${text} ${entry.summary}`.toLowerCase().includes(needle)) return [];
      return [{ entry, text }];
    });
  }, [upToAt, filter, route, focus]);

  const restoreOf = (entry: HistoryEntry) => {
    const target = route ?? (entry.routes.length === 1 ? entry.routes[0] : undefined);
    if (!target || object?.kind !== 'VirtualService') return undefined;
    const destinations = routeAt(object, target.routeKind, target.routeIndex)?.route;
    const weights = effectiveWeights((destinations ?? []).map((d) => d.weight));
    const current = destinations?.map((d, i) => ({
      host: d.destination.host,
      subset: d.destination.subset,
      port: d.destination.port?.number,
      weight: weights[i] ?? 0,
    }));
    return { target, plan: restorePlan(entry, target.routeKind, target.routeIndex, current) };
  };

  const shown = all ? lines : lines.slice(0, SHOWN);
  return (
    <section aria-label="History" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
          History{focus ? ' of this weight' : route ? ` of ${route.routeKind}[${route.routeIndex}]` : ''}
        </h3>
        <input
          type="search"
          aria-label="Filter the history"
          placeholder="Filter"
          className="w-32 rounded border border-slate-300 px-1.5 py-0.5 text-xs placeholder:text-slate-400"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      {query.isPending && <p className="text-xs text-slate-500">Loading the history…</p>}
      {query.isError && (
        <p className="text-xs text-red-700">The history could not be loaded: {query.error.message}</p>
      )}
      {query.isSuccess && lines.length === 0 && (
        <p className="text-xs text-slate-500">
          {filter
            ? 'No recorded change matches the filter.'
            : at
              ? 'No change recorded by this time.'
              : 'No change recorded since Weir started watching.'}
        </p>
      )}
      {later > 0 && (
        <p className="text-xs text-slate-500" data-testid="history-later">
          {later === 1 ? '1 later change is' : `${later} later changes are`} not listed: this is the routing
          as it was then.
        </p>
      )}
      {restore.isError &&
        (isOutcomeUnknown(restore.error) ? (
          <p role="alert" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
            {OUTCOME_UNKNOWN}
          </p>
        ) : (
          <p role="alert" className="rounded bg-red-50 px-2 py-1 text-xs text-red-800">
            Restore refused: {restore.error.message}
          </p>
        ))}
      <ol className="flex flex-col gap-1.5" data-testid="history-list">
        {shown.map(({ entry, text }) => {
          const undo = editing.readOnly ? undefined : restoreOf(entry);
          const plan = undo?.plan;
          return (
            <li
              key={entry.id}
              className="flex items-start gap-2 text-xs"
              title={new Date(entry.time).toString()}
            >
              <span
                className={`mt-1 size-1.5 shrink-0 rounded-full ${entry.source === 'weir' ? 'bg-sky-600' : 'bg-amber-500'}`}
                aria-hidden
              />
              <span className="min-w-0 flex-1 break-words text-slate-800">{text}</span>
              {/* A read-only view of the routing right after this change, to share. */}
              <a
                href={`/?at=${encodeURIComponent(entry.time)}`}
                target="_blank"
                rel="noopener"
                aria-label="Share a link to this moment"
                title="Open (or copy) a read-only view of the routing as it was right after this change"
                className="shrink-0 text-[11px] text-sky-700 underline"
              >
                link
              </a>
              {undo && plan && 'weights' in plan && object?.metadata.resourceVersion && (
                <button
                  type="button"
                  disabled={!editing.canEdit || restore.isPending}
                  title={`Put back ${plan.weights.join(' / ')} as a new change`}
                  className="shrink-0 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-[11px] font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
                  onClick={() =>
                    restore.mutate({
                      change: {
                        kind: 'SetWeights',
                        target: objectRef,
                        routeKind: undo.target.routeKind,
                        routeIndex: undo.target.routeIndex,
                        weights: plan.weights,
                      },
                      resourceVersion: object.metadata.resourceVersion as string,
                      note: `restore: the weights from before ${authorText(entry)}'s change at ${shortTime(entry.time)}`,
                    })
                  }
                >
                  Restore {plan.weights.map((w) => `${w}%`).join(' / ')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {!all && lines.length > SHOWN && (
        <button
          type="button"
          className="self-start text-xs text-sky-700 underline"
          onClick={() => setAll(true)}
        >
          Show all {lines.length}
        </button>
      )}
    </section>
  );
}

/**
 * The history is written right after each change: look again a moment after changes of this
 * page stop succeeding, and a moment after the object moved (an outside change is recorded as
 * it is seen). Not after each one: a canary step's key presses are a write each, and read at
 * once every one fetched the object's whole history again (900 entries on the 10,000-VS bench
 * mesh: over 1 MB, 0.2-0.5 s of the API server's time) just as the next step was written.
 */
function useFreshHistory(
  queryClient: ReturnType<typeof useQueryClient>,
  resourceVersion: string | undefined,
) {
  const written = useMutationState({ filters: { status: 'success' } }).length;
  useEffect(() => {
    if (written === 0) return;
    const timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['history'] }), 750);
    return () => clearTimeout(timer);
  }, [written, queryClient]);
  useEffect(() => {
    if (!resourceVersion) return;
    const timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['history'] }), 750);
    return () => clearTimeout(timer);
  }, [resourceVersion, queryClient]);
}
