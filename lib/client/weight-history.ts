import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, useSyncExternalStore } from 'react';
import type { SetWeights } from '../mesh/changes';
import { objectKey } from '../mesh/object-key';
import type { MeshSnapshot, RouteDestination } from '../mesh/types';
import { ApiError } from './api-error';
import { refuseChange, useChangeMutation } from './change-mutation';
import { SNAPSHOT_KEY } from './queries';
import { EMPTY_HISTORY, type History, recordEdit, takeRedo, takeUndo, type WeightEdit } from './undo-history';

let history: History = EMPTY_HISTORY;
const listeners = new Set<() => void>();

function setHistory(next: History): void {
  history = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `host|subset|port` of each destination of a route: whether a route is still the same one. */
export function destinationIds(route: readonly RouteDestination[]): string[] {
  return route.map(
    ({ destination }) => `${destination.host}|${destination.subset ?? ''}|${destination.port?.number ?? ''}`,
  );
}

/** Records one finished gesture (however many writes it took) for undo. */
export function recordWeightEdit(edit: WeightEdit): void {
  setHistory(recordEdit(history, edit));
}

/**
 * Undo and redo of this person's own weight changes in this session. Each is a new
 * SetWeights write against the version held now, made only if the route still has the
 * destinations the edit was made on; otherwise the edit is dropped and the reason shown.
 */
export function useWeightHistory() {
  const queryClient = useQueryClient();
  const { mutate } = useChangeMutation();
  const current = useSyncExternalStore(
    subscribe,
    () => history,
    () => EMPTY_HISTORY,
  );
  const [refusal, setRefusal] = useState<string>();

  const write = useCallback(
    (edit: WeightEdit, weights: number[]) => {
      const change: SetWeights = {
        kind: 'SetWeights',
        target: edit.target,
        routeKind: edit.routeKind,
        routeIndex: edit.routeIndex,
        weights,
      };
      const object = queryClient.getQueryData<MeshSnapshot>(SNAPSHOT_KEY)?.objects[objectKey(edit.target)];
      const route =
        object?.kind === 'VirtualService' ? object.spec[edit.routeKind]?.[edit.routeIndex]?.route : undefined;
      const resourceVersion = object?.metadata.resourceVersion;
      if (!resourceVersion || !route || destinationIds(route).join() !== edit.destinations.join()) {
        const message = `Not undone: ${edit.target.namespace}/${edit.target.name} ${edit.routeKind}[${edit.routeIndex}] no longer has the destinations this edit was made on.`;
        refuseChange(change, new ApiError('Conflict', 409, message));
        setRefusal(message);
        return;
      }
      setRefusal(undefined);
      mutate({ change, resourceVersion });
    },
    [mutate, queryClient],
  );

  const undo = useCallback(() => {
    const taken = takeUndo(history);
    if (!taken) return;
    setHistory(taken.history);
    write(taken.edit, taken.edit.before);
  }, [write]);

  const redo = useCallback(() => {
    const taken = takeRedo(history);
    if (!taken) return;
    setHistory(taken.history);
    write(taken.edit, taken.edit.after);
  }, [write]);

  return { canUndo: current.past.length > 0, canRedo: current.future.length > 0, undo, redo, refusal };
}
