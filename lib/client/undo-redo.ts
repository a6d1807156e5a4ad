import { notifyManager, type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, useSyncExternalStore } from 'react';
import type { MeshChange } from '../mesh/changes';
import type { ChangeSet } from '../mesh/changes/change-set';
import type { DestinationEdit, Edit, ObjectEdit, SetEdit, WeightEdit } from '../mesh/changes/edits';
import {
  type ObjectEditPlan,
  objectRedoPlan,
  objectUndoPlan,
  setRedoPlan,
  setUndoPlan,
} from '../mesh/changes/object-edit-plan';
import { type EditPlan, redoPlan, undoPlan } from '../mesh/changes/route-edit-plan';
import { weightsChange } from '../mesh/changes/weights-change';
import { objectKey } from '../mesh/object-key';
import type { MeshObject, MeshSnapshot, ObjectKey, ObjectRef } from '../mesh/types';
import { ApiError, isApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { refuseChange, useChangeMutation, viewedObject } from './change-mutation';
import { createListeners } from './external-store';
import { withObject } from './pending-changes';
import { SNAPSHOT_KEY } from './queries';
import { createUndoRunner } from './undo-runner';
import { EMPTY_UNDO_STACK } from './undo-stack';
import { isOutcomeUnknown, OUTCOME_UNKNOWN, type WriteOutcome } from './write-outcome';

const undoStack = createUndoRunner();

/**
 * Records one change of this person's (a whole gesture, however many writes) for undo, when it
 * is sent: Undo pressed while it is written undoes it once it lands. `landed` says how its
 * writes ended: `refused` (none of them landed) drops it from the lists; `unknown` keeps it.
 */
export function recordWeightEdit(edit: WeightEdit | DestinationEdit, landed?: Promise<WriteOutcome>): void {
  undoStack.record(edit, landed);
}

/** Records an edit applied from the inspector (form, YAML, create, delete) for undo. */
export function recordObjectEdit(edit: ObjectEdit): void {
  undoStack.record(edit);
}

/**
 * An inspector Apply under way, whose edit is recorded from its answer: Undo or Redo pressed
 * meanwhile waits for it (see UndoRunner.waitFor).
 */
export function undoWaitsFor(applying: Promise<unknown>): void {
  undoStack.waitFor(applying);
}

/** Records a change set applied from the inspector (a template's objects) for undo, as one. */
export function recordSetEdit(edit: SetEdit): void {
  undoStack.record(edit);
}

/** The snapshot with a set's writes in it: each object it created as written, each it deleted gone. */
export function withSetWritten(
  snapshot: MeshSnapshot,
  set: ChangeSet,
  written: readonly MeshObject[],
): MeshSnapshot {
  let next = snapshot;
  set.changes.forEach((change, i) => {
    const object = written[i];
    if (change.kind === 'CreateObject' && object) next = withObject(next, object);
    if (change.kind === 'DeleteObject') {
      const { [objectKey(change.target)]: _gone, ...objects } = next.objects;
      next = { ...next, objects };
    }
  });
  return next;
}

// Objects an undo or redo rewrote, with the version it wrote: an open editor of one starts
// its draft again from what is there now.
let rewrites: ReadonlyMap<ObjectKey, { count: number; version?: string }> = new Map();
const rewriteListeners = createListeners();

function rewritten(key: ObjectKey, version: string | undefined): void {
  rewrites = new Map(rewrites).set(key, { count: (rewrites.get(key)?.count ?? 0) + 1, version });
  rewriteListeners.notify();
}

/** How many times an undo or redo rewrote this object, and the version the last one wrote. */
export function useRewrites(key: ObjectKey): { count: number; version?: string } | undefined {
  return useSyncExternalStore(
    rewriteListeners.subscribe,
    () => rewrites.get(key),
    () => undefined,
  );
}

/**
 * Undo and redo of this person's own changes in this session: weights, destinations added
 * and removed, and every edit applied from the inspector (forms, YAML, create, delete).
 * Each is a new, checked write against the object as the screen shows it now, made only if
 * the object still fits; otherwise, or when the server refuses it, the edit is dropped from
 * both lists and the reason shown. One undo or redo is written at a time.
 */
export function useUndoRedo() {
  const queryClient = useQueryClient();
  const { mutateAsync } = useChangeMutation();
  const current = useSyncExternalStore(undoStack.subscribe, undoStack.get, () => EMPTY_UNDO_STACK);
  const [refusal, setRefusal] = useState<string>();

  /** Writes a route edit's undo or redo; whether it was written. */
  const runRouteEdit = useCallback(
    async (
      edit: WeightEdit | DestinationEdit,
      plan: EditPlan,
      resourceVersion: string | undefined,
      verb: Verb,
    ): Promise<boolean> => {
      if ('refusal' in plan || !resourceVersion) {
        const message =
          'refusal' in plan ? plan.refusal : `${verb}: the object has no version to write against.`;
        const where: MeshChange = weightsChange(
          { ref: edit.target, routeKind: edit.routeKind, routeIndex: edit.routeIndex },
          [],
        );
        refuseChange(where, new ApiError('Conflict', 409, message));
        setRefusal(message);
        return false;
      }
      setRefusal(undefined);
      try {
        // In turn: a later change is sent only once the one before is written, on its version.
        let version = resourceVersion;
        for (const change of plan.changes) {
          const response = await mutateAsync({ change, resourceVersion: version });
          version = response?.object.metadata.resourceVersion ?? version;
        }
        return true;
      } catch (error) {
        // The route shows the write's error too; this says the edit is gone from the undo stack.
        setRefusal(refusalOf(error, edit.target, verb));
        return false;
      }
    },
    [mutateAsync],
  );

  /** Writes an inspector edit's undo or redo; whether it was written. */
  const runObjectEdit = useCallback(
    async (edit: ObjectEdit, plan: ObjectEditPlan, verb: Verb): Promise<boolean> => {
      if ('refusal' in plan) {
        setRefusal(plan.refusal);
        return false;
      }
      setRefusal(undefined);
      try {
        const answer = await apiFetch<{ object: MeshObject }>('/api/changes', {
          method: 'POST',
          body: { change: plan.change, resourceVersion: plan.resourceVersion, exact: true },
        });
        const deleted = plan.change.kind === 'DeleteObject';
        const version = deleted ? undefined : answer.object.metadata.resourceVersion;
        // Told after the query's own observers, in the same batch: an open editor starts its
        // draft again from the object just written, not from the one it replaces.
        notifyManager.batch(() => {
          takeIntoView(queryClient, answer.object, deleted);
          notifyManager.schedule(() => rewritten(objectKey(edit.target), version));
        });
        return true;
      } catch (error) {
        if (isOutcomeUnknown(error)) void queryClient.invalidateQueries({ queryKey: SNAPSHOT_KEY });
        setRefusal(refusalOf(error, edit.target, verb));
        return false;
      }
    },
    [queryClient],
  );

  /** Writes a change set's undo or redo (one set, however many objects); whether it was written. */
  const runSetEdit = useCallback(
    async (edit: SetEdit, direction: 'undo' | 'redo', verb: Verb): Promise<boolean> => {
      const current = (ref: ObjectRef) => viewedObject(queryClient, objectKey(ref));
      const plan = direction === 'undo' ? setUndoPlan(edit, current) : setRedoPlan(edit, current);
      if ('refusal' in plan) {
        setRefusal(plan.refusal);
        return false;
      }
      setRefusal(undefined);
      try {
        const answer = await apiFetch<{ object: MeshObject; objects?: MeshObject[] }>('/api/changes', {
          method: 'POST',
          body: { change: plan.change, exact: true },
        });
        const written = answer.objects ?? [answer.object];
        notifyManager.batch(() => {
          queryClient.setQueryData<MeshSnapshot>(
            SNAPSHOT_KEY,
            (s) => s && withSetWritten(s, plan.change, written),
          );
          plan.change.changes.forEach((change, i) => {
            const version = change.kind === 'CreateObject' ? written[i]?.metadata.resourceVersion : undefined;
            notifyManager.schedule(() => rewritten(objectKey(change.target), version));
          });
        });
        // A redo makes new objects: the next undo deletes these, on the versions just written.
        if (direction === 'redo') edit.written = written;
        return true;
      } catch (error) {
        if (isOutcomeUnknown(error)) void queryClient.invalidateQueries({ queryKey: SNAPSHOT_KEY });
        setRefusal(refusalOf(error, edit.target, verb));
        return false;
      }
    },
    [queryClient],
  );

  const run = useCallback(
    (edit: Edit, direction: 'undo' | 'redo'): Promise<boolean> => {
      const verb = direction === 'undo' ? 'Not undone' : 'Not redone';
      if (edit.kind === 'SetEdit') return runSetEdit(edit, direction, verb);
      const object = viewedObject(queryClient, objectKey(edit.target));
      if (edit.kind === 'ObjectEdit') {
        const plan = direction === 'undo' ? objectUndoPlan(edit, object) : objectRedoPlan(edit, object);
        return runObjectEdit(edit, plan, verb);
      }
      const plan = direction === 'undo' ? undoPlan(edit, object) : redoPlan(edit, object);
      return runRouteEdit(edit, plan, object?.metadata.resourceVersion, verb);
    },
    [queryClient, runObjectEdit, runRouteEdit, runSetEdit],
  );

  // Shown where a refused undo shows: why Undo did nothing (its edit still saving, or failed).
  const step = useCallback(
    (direction: 'undo' | 'redo') =>
      void undoStack.step(direction, run).then((why) => why !== undefined && setRefusal(why)),
    [run],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  const idle = !current.pending;
  return {
    canUndo: idle && current.past.length > 0,
    canRedo: idle && current.future.length > 0,
    undo,
    redo,
    refusal,
  };
}

type Verb = 'Not undone' | 'Not redone';

/** Why the server refused an undo or redo (or that its outcome is unknown), for the person who asked. */
function refusalOf(error: unknown, { kind, namespace, name }: ObjectRef, verb: Verb): string {
  // The screen had not yet seen someone else's change; the precondition caught it.
  const since = verb === 'Not undone' ? 'your edit' : 'your undo';
  if (isOutcomeUnknown(error)) return OUTCOME_UNKNOWN;
  const message =
    isApiError(error) && error.status === 409
      ? `${kind} ${namespace}/${name} has changed since ${since}.`
      : error instanceof Error
        ? error.message
        : String(error);
  return `${verb}: ${message}`;
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
