import { useCallback, useEffect, useMemo, useRef } from 'react';
import { type ChangeRequest, useChangeMutation } from '@/lib/client/change-mutation';
import { writesWhileDragging } from '@/lib/client/drag-writes';
import { throttle } from '@/lib/client/throttle';
import { recordWeightEdit } from '@/lib/client/undo-redo';
import { failedWriteOutcome, type WriteOutcome } from '@/lib/client/write-outcome';
import type { WeightEdit } from '@/lib/mesh/changes/edits';
import { writtenWeights } from '@/lib/mesh/changes/set-backend-weights';
import { isWeightsChange, weightsChange } from '@/lib/mesh/changes/weights-change';
import { objectKey } from '@/lib/mesh/object-key';
import { type RouteAddress, routeAddressKey } from '@/lib/mesh/route-address';
import { dragWrites } from './drag-writes-store';
import { useGetMeshObject } from './mesh-objects-context';
import { type RouteWeights, readRouteWeights } from './route-weights';
import { dropDraft, isReleased, releaseDraft, weightDrafts } from './weight-drafts';
import {
  dragStep,
  type Gesture,
  type GestureWriteOutcome,
  gestureEdit,
  gestureOutcome,
  releaseWrite,
} from './weight-gesture';
import { weightLocks } from './weight-locks';

/** At most a few writes a second while dragging. */
const WRITE_INTERVAL_MS = 300;

function request(target: RouteAddress, route: RouteWeights, weights: number[]): ChangeRequest {
  return {
    change: weightsChange(target, weights),
    resourceVersion: route.object.metadata.resourceVersion ?? '',
  };
}

/**
 * Linked weights of one route under a person's hand: `move` rebalances the unlocked others
 * and writes live (throttled; or only shows them, when the person chose "write on release"), `end` always writes the final value and records the gesture
 * for undo, `set` is a single write (even split, send all, a typed number).
 */
export function useWeightGesture(target: RouteAddress) {
  const getObject = useGetMeshObject();
  const { mutateAsync } = useChangeMutation();
  const key = routeAddressKey(target);
  const gesture = useRef<Gesture | undefined>(undefined);
  // `done` says whether the write landed (false: refused, failed or its outcome unknown).
  const lastWrite = useRef<{ weights: number[]; done: Promise<boolean> } | undefined>(undefined);
  // Every write of the gesture under way and how it ended: undo keeps a gesture any of whose
  // writes landed (or may have), and forgets it only when none did.
  const gestureWrites = useRef<{ weights: number[]; outcome: Promise<GestureWriteOutcome> }[]>([]);
  // A Gateway API rule's weights as written when the gesture began: its undo restores them.
  const startWritten = useRef<(number | null)[] | undefined>(undefined);

  /** Sends one write; `done`: whether it landed (false: refused, failed or its outcome unknown). */
  const write = useCallback(
    (payload: ChangeRequest) => {
      const outcome = mutateAsync(payload).then(
        // No answer: a newer weights write of the route was queued, and this one was not sent.
        (answer): GestureWriteOutcome => (answer ? 'landed' : 'superseded'),
        failedWriteOutcome,
      );
      const done = outcome.then((ended) => ended === 'landed' || ended === 'superseded');
      const weights = isWeightsChange(payload.change) ? payload.change.weights : [];
      lastWrite.current = { weights, done };
      return { weights, outcome, done };
    },
    [mutateAsync],
  );
  /** A write of the gesture under way, kept with the others for its undo record. */
  const writeOfGesture = useCallback(
    (payload: ChangeRequest) => {
      const sent = write(payload);
      gestureWrites.current.push(sent);
      return sent.done;
    },
    [write],
  );
  const writeThrottled = useMemo(() => throttle(writeOfGesture, WRITE_INTERVAL_MS), [writeOfGesture]);

  const read = useCallback(
    () => readRouteWeights(getObject(objectKey(target.ref)), target),
    [getObject, target],
  );

  const move = useCallback(
    (index: number, value: number) => {
      const route = read();
      if (!route) return;
      const locks = weightLocks.get(key);
      // A write of an earlier gesture says nothing about this one's final value.
      if (!gesture.current) {
        // A new gesture's first step is written at once: the interval spaces a drag's writes,
        // not one key press's from the last (held back, a step went only on key release).
        writeThrottled.reset();
        lastWrite.current = undefined;
        gestureWrites.current = [];
        startWritten.current = beforeWritten(target, route.object);
      }
      const { gesture: continued, next } = dragStep(
        gesture.current,
        // A landed draft is only shown until drawn: the route as written now is the start.
        (isReleased(key) ? undefined : weightDrafts.get(key)) ?? route.weights,
        route.ids,
        route.ids.map((id) => locks?.has(id) ?? false),
        index,
        value,
      );
      gesture.current = continued;
      if (!next) return;
      // The write first: the draft's render (a microtask React queues at the first change it
      // hears of) then runs after the request has left, not before it.
      // Otherwise the draft alone shows the move, and release writes it.
      if (writesWhileDragging(dragWrites.get())) writeThrottled(request(target, route, next));
      weightDrafts.set(key, next);
    },
    [key, read, target, writeThrottled],
  );

  const end = useCallback(() => {
    const finished = gesture.current;
    gesture.current = undefined;
    const edit = gestureEdit(finished);
    if (!finished || !edit) return;
    writeThrottled.cancel();
    const route = read();
    const sent = lastWrite.current;
    const owed = releaseWrite(finished, sent?.weights);
    const done =
      owed === undefined && sent
        ? sent.done
        : route
          ? writeOfGesture(request(target, route, finished.last))
          : Promise.resolve(false);
    // The draft goes once the final write has landed and an edge draws its weights, so nothing
    // jumps back for a render (releaseDraft); after a failure, at once: the weights as they are.
    void done.then((landed) => (landed ? releaseDraft : dropDraft)(key, finished.last));
    const written = startWritten.current;
    startWritten.current = undefined;
    const recorded: WeightEdit = {
      kind: 'SetWeights',
      ...editTarget(target),
      ...edit,
      ...withWritten(written),
    };
    recordWeightEdit(recorded, outcomeOfGesture(recorded, gestureWrites.current, done));
    gestureWrites.current = [];
  }, [key, read, target, writeOfGesture, writeThrottled]);

  const set = useCallback(
    (weights: number[]) => {
      const route = read();
      if (!route || weights.join() === route.weights.join()) return;
      // The write below is shown at once by the pending-change view; an older draft must not hide it.
      weightDrafts.set(key, undefined);
      const { outcome } = write(request(target, route, weights));
      // One write: superseded, its weights are written by the newer one (as `end` counts it).
      const landed = outcome.then((ended): WriteOutcome => (ended === 'superseded' ? 'landed' : ended));
      recordWeightEdit(
        {
          kind: 'SetWeights',
          ...editTarget(target),
          destinations: route.ids,
          before: route.weights,
          after: weights,
          ...withWritten(beforeWritten(target, route.object)),
        },
        landed,
      );
    },
    [key, read, target, write],
  );

  // A gesture cut short by unmounting (the inspector closed mid-drag) still ends properly.
  const endRef = useRef(end);
  endRef.current = end;
  useEffect(() => () => endRef.current(), []);

  return { move, end, set, read };
}

/**
 * How a gesture's writes ended (gestureOutcome), once `final` (its last write) has. When only
 * some landed, the edit's `after` becomes what the route holds: its undo checks the route
 * still holds that.
 */
async function outcomeOfGesture(
  edit: WeightEdit,
  writes: readonly { weights: number[]; outcome: Promise<GestureWriteOutcome> }[],
  final: Promise<boolean>,
): Promise<WriteOutcome> {
  await final;
  const ended = await Promise.all(
    writes.map(async ({ weights, outcome }) => ({ weights, outcome: await outcome })),
  );
  const { outcome, after } = gestureOutcome(ended);
  if (after) edit.after = after;
  return outcome;
}

// A change names its route with these three fields, taken from the address alone.
function editTarget({ ref, routeKind, routeIndex }: RouteAddress) {
  return { target: ref, routeKind, routeIndex };
}

function beforeWritten(target: RouteAddress, object: RouteWeights['object']): (number | null)[] | undefined {
  return target.routeKind === 'rules' ? writtenWeights(object, target.routeIndex) : undefined;
}

function withWritten(written: (number | null)[] | undefined) {
  return written ? { beforeWritten: written } : {};
}
