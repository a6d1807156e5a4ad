import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, useSyncExternalStore } from 'react';
import type { MeshChange } from '../mesh/changes';
import { objectKey } from '../mesh/object-key';
import { ApiError } from './api-error';
import { refuseChange, useChangeMutation, viewedObject } from './change-mutation';
import { type EditPlan, redoPlan, undoPlan } from './inverse-edit';
import { type Edit, EMPTY_HISTORY, type History, recordEdit, takeRedo, takeUndo } from './undo-history';

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
export function recordWeightEdit(edit: Edit): void {
  setHistory(recordEdit(history, edit));
}

/**
 * Undo and redo of this person's own changes in this session: weights, destinations added
 * and removed. Each is a new, checked write (or two, in turn) against the object as the
 * screen shows it now, made only if the route still fits; otherwise the edit is dropped and
 * the reason shown.
 */
export function useWeightHistory() {
  const queryClient = useQueryClient();
  const { mutateAsync } = useChangeMutation();
  const current = useSyncExternalStore(
    subscribe,
    () => history,
    () => EMPTY_HISTORY,
  );
  const [refusal, setRefusal] = useState<string>();

  const run = useCallback(
    (edit: Edit, planFor: (edit: Edit, object: ReturnType<typeof viewedObject>) => EditPlan) => {
      const object = viewedObject(queryClient, objectKey(edit.target));
      const plan = planFor(edit, object);
      const resourceVersion = object?.metadata.resourceVersion;
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
    [mutateAsync, queryClient],
  );

  const undo = useCallback(() => {
    const taken = takeUndo(history);
    if (!taken) return;
    setHistory(taken.history);
    run(taken.edit, undoPlan);
  }, [run]);

  const redo = useCallback(() => {
    const taken = takeRedo(history);
    if (!taken) return;
    setHistory(taken.history);
    run(taken.edit, redoPlan);
  }, [run]);

  return { canUndo: current.past.length > 0, canRedo: current.future.length > 0, undo, redo, refusal };
}

function routeOf(edit: Edit) {
  return { target: edit.target, routeKind: edit.routeKind, routeIndex: edit.routeIndex };
}
