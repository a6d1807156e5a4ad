import { useCallback, useEffect, useMemo, useRef } from 'react';
import { type ChangeRequest, useChangeMutation } from '@/lib/client/change-mutation';
import { writesWhileDragging } from '@/lib/client/drag-writes';
import { throttle } from '@/lib/client/throttle';
import { recordWeightEdit } from '@/lib/client/undo-redo';
import { writtenWeights } from '@/lib/mesh/changes/set-backend-weights';
import { isWeightsChange, weightsChange } from '@/lib/mesh/changes/weights-change';
import { objectKey } from '@/lib/mesh/object-key';
import { type RouteAddress, routeAddressKey } from '@/lib/mesh/route-address';
import { dragWrites } from './drag-writes-store';
import { useGetMeshObject } from './mesh-objects-context';
import { type RouteWeights, readRouteWeights } from './route-weights';
import { dropDraft, isReleased, releaseDraft, weightDrafts } from './weight-drafts';
import { dragStep, type Gesture, gestureEdit, releaseWrite } from './weight-gesture';
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
  // A Gateway API rule's weights as written when the gesture began: its undo restores them.
  const startWritten = useRef<(number | null)[] | undefined>(undefined);

  const write = useCallback(
    (payload: ChangeRequest) => {
      const done = mutateAsync(payload).then(
        () => true,
        () => false,
      );
      const weights = isWeightsChange(payload.change) ? payload.change.weights : [];
      lastWrite.current = { weights, done };
      return done;
    },
    [mutateAsync],
  );
  const writeThrottled = useMemo(() => throttle(write, WRITE_INTERVAL_MS), [write]);

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
        lastWrite.current = undefined;
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
      weightDrafts.set(key, next);
      // Otherwise the draft alone shows the move, and release writes it.
      if (writesWhileDragging(dragWrites.get())) writeThrottled(request(target, route, next));
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
          ? write(request(target, route, finished.last))
          : Promise.resolve(false);
    // The draft goes once the final write has landed and an edge draws its weights, so nothing
    // jumps back for a render (releaseDraft); after a failure, at once: the weights as they are.
    void done.then((landed) => (landed ? releaseDraft : dropDraft)(key, finished.last));
    const written = startWritten.current;
    startWritten.current = undefined;
    recordWeightEdit({ kind: 'SetWeights', ...editTarget(target), ...edit, ...withWritten(written) }, done);
  }, [key, read, target, write, writeThrottled]);

  const set = useCallback(
    (weights: number[]) => {
      const route = read();
      if (!route || weights.join() === route.weights.join()) return;
      // The write below is shown at once by the pending-change view; an older draft must not hide it.
      weightDrafts.set(key, undefined);
      const landed = write(request(target, route, weights));
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
