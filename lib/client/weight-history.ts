import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, useSyncExternalStore } from 'react';
import type { MeshChange } from '../mesh/changes';
import { objectKey } from '../mesh/object-key';
import type { MeshObject, MeshSnapshot, ObjectKey } from '../mesh/types';
import { ApiError, isApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { refuseChange, useChangeMutation, viewedObject } from './change-mutation';
import { type EditPlan, redoPlan, undoPlan } from './inverse-edit';
import { type ObjectEditPlan, objectRedoPlan, objectUndoPlan } from './inverse-object-edit';
import { withObject } from './pending-changes';
import { SNAPSHOT_KEY } from './queries';
import {
  type DestinationEdit,
  type Edit,
  EMPTY_HISTORY,
  type History,
  type ObjectEdit,
  recordEdit,
  takeRedo,
  takeUndo,
  type WeightEdit,
} from './undo-history';

export { destinationIds } from './destination-id';

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

/** Records one finished change of this person's (a whole gesture, however many writes) for undo. */
export function recordWeightEdit(edit: WeightEdit | DestinationEdit): void {
  setHistory(recordEdit(history, edit));
}

/** Records an edit applied from the inspector (form, YAML, create, delete) for undo. */
export function recordObjectEdit(edit: ObjectEdit): void {
  setHistory(recordEdit(history, edit));
}

// Objects an undo or redo rewrote, with the version it wrote: an open editor of one starts
// its draft again from what is there now.
let rewrites: ReadonlyMap<ObjectKey, { count: number; version?: string }> = new Map();

function rewritten(key: ObjectKey, version: string | undefined): void {
  rewrites = new Map(rewrites).set(key, { count: (rewrites.get(key)?.count ?? 0) + 1, version });
  for (const listener of listeners) listener();
}

/** How many times an undo or redo rewrote this object, and the version the last one wrote. */
export function useRewrites(key: ObjectKey): { count: number; version?: string } | undefined {
  return useSyncExternalStore(
    subscribe,
    () => rewrites.get(key),
    () => undefined,
  );
}

/**
 * Undo and redo of this person's own changes in this session: weights, destinations added
 * and removed, and every edit applied from the inspector (forms, YAML, create, delete).
 * Each is a new, checked write against the object as the screen shows it now, made only if
 * the object still fits; otherwise the edit is dropped and the reason shown.
 */
export function useEditHistory() {
  const queryClient = useQueryClient();
  const { mutateAsync } = useChangeMutation();
  const current = useSyncExternalStore(
    subscribe,
    () => history,
    () => EMPTY_HISTORY,
  );
  const [refusal, setRefusal] = useState<string>();

  const runRouteEdit = useCallback(
    (edit: WeightEdit | DestinationEdit, plan: EditPlan, resourceVersion: string | undefined) => {
      if ('refusal' in plan || !resourceVersion) {
        const message =
          'refusal' in plan ? plan.refusal : 'Not done: the object has no version to write against.';
        const where: MeshChange = { kind: 'SetWeights', ...routeOf(edit), weights: [] };
        refuseChange(where, new ApiError('Conflict', 409, message));
        setRefusal(message);
        return;
      }
      setRefusal(undefined);
      // In turn: a later change is sent only once the one before is written, on its version.
      void plan.changes
        .reduce<Promise<string | undefined>>(
          (previous, change) =>
            previous.then(async (version) => {
              if (version === undefined) return undefined;
              const response = await mutateAsync({ change, resourceVersion: version });
              return response?.object.metadata.resourceVersion ?? version;
            }),
          Promise.resolve(resourceVersion),
        )
        .catch(() => undefined);
    },
    [mutateAsync],
  );

  const runObjectEdit = useCallback(
    async (edit: ObjectEdit, plan: ObjectEditPlan, verb: string) => {
      if ('refusal' in plan) {
        setRefusal(plan.refusal);
        return;
      }
      setRefusal(undefined);
      try {
        const answer = await apiFetch<{ object: MeshObject }>('/api/changes', {
          method: 'POST',
          body: { change: plan.change, resourceVersion: plan.resourceVersion, exact: true },
        });
        const deleted = plan.change.kind === 'DeleteObject';
        takeIntoView(queryClient, answer.object, deleted);
        rewritten(objectKey(edit.target), deleted ? undefined : answer.object.metadata.resourceVersion);
      } catch (error) {
        const { kind, namespace, name } = edit.target;
        // The screen had not yet seen someone else's change; the precondition caught it.
        const since = verb === 'Not undone' ? 'your edit' : 'your undo';
        const message =
          isApiError(error) && error.status === 409
            ? `${kind} ${namespace}/${name} has changed since ${since}.`
            : error instanceof Error
              ? error.message
              : String(error);
        setRefusal(`${verb}: ${message}`);
      }
    },
    [queryClient],
  );

  const run = useCallback(
    (edit: Edit, direction: 'undo' | 'redo') => {
      const object = viewedObject(queryClient, objectKey(edit.target));
      if (edit.kind === 'ObjectEdit') {
        const plan = direction === 'undo' ? objectUndoPlan(edit, object) : objectRedoPlan(edit, object);
        void runObjectEdit(edit, plan, direction === 'undo' ? 'Not undone' : 'Not redone');
        return;
      }
      const plan = direction === 'undo' ? undoPlan(edit, object) : redoPlan(edit, object);
      runRouteEdit(edit, plan, object?.metadata.resourceVersion);
    },
    [queryClient, runObjectEdit, runRouteEdit],
  );

  const undo = useCallback(() => {
    const taken = takeUndo(history);
    if (!taken) return;
    setHistory(taken.history);
    run(taken.edit, 'undo');
  }, [run]);

  const redo = useCallback(() => {
    const taken = takeRedo(history);
    if (!taken) return;
    setHistory(taken.history);
    run(taken.edit, 'redo');
  }, [run]);

  return { canUndo: current.past.length > 0, canRedo: current.future.length > 0, undo, redo, refusal };
}

/** The server's answer in the cached snapshot at once (the live stream brings it too, later). */
function takeIntoView(queryClient: QueryClient, object: MeshObject, deleted: boolean): void {
  queryClient.setQueryData<MeshSnapshot>(SNAPSHOT_KEY, (snapshot) => {
    if (!snapshot || !deleted) return snapshot && withObject(snapshot, object);
    const key = objectKey({
      kind: object.kind,
      namespace: object.metadata.namespace ?? '',
      name: object.metadata.name,
    });
    const { [key]: _gone, ...objects } = snapshot.objects;
    return { ...snapshot, objects };
  });
}

function routeOf(edit: WeightEdit | DestinationEdit) {
  return { target: edit.target, routeKind: edit.routeKind, routeIndex: edit.routeIndex };
}
