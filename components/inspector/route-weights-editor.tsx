'use client';

import { useCallback } from 'react';
import { isIstioRoute, type RouteAddress, routeAddressKey, routeTitle } from '@/lib/mesh/route-address';
import type { StoredObject } from '@/lib/mesh/types';
import { evenSplit, sendAll } from '@/lib/mesh/weights';
import { useEditing } from '../editing/editing-context';
import { ShareSparklines } from '../traffic/share-sparklines';
import { requestRemoval } from '../weights/destination-removal';
import { dragWrites, useDragWrites } from '../weights/drag-writes-store';
import { useKeyedValue } from '../weights/keyed-store';
import { destinationName, weightLabel } from '../weights/labels';
import { readRouteWeights } from '../weights/route-weights';
import { useWeightGesture } from '../weights/use-weight-gesture';
import { weightDrafts } from '../weights/weight-drafts';
import { toggleLock, weightLocks } from '../weights/weight-locks';
import { WriteStatusNote } from '../weights/write-status-note';
import { AddDestinationControl } from './add-destination-control';
import { DestinationWeightRow } from './destination-weight-row';

interface RouteWeightsEditorProps {
  target: RouteAddress;
  /** The VirtualService as the screen shows it. */
  object: StoredObject | undefined;
}

/** The destinations of one route with linked sliders, number boxes, locks and one-click splits. */
export function RouteWeightsEditor({ target, object }: RouteWeightsEditorProps) {
  const editing = useEditing();
  const key = routeAddressKey(target);
  const draft = useKeyedValue(weightDrafts, key);
  const locks = useKeyedValue(weightLocks, key);
  const gesture = useWeightGesture(target);
  const { move, end, set } = gesture;
  const route = readRouteWeights(object, target);
  const onEnd = useCallback(() => end(), [end]);
  if (!route) return null;

  const weights = draft && draft.length === route.weights.length ? draft : route.weights;
  const locked = route.ids.map((id) => locks?.has(id) ?? false);
  const disabled = !editing.canEdit;
  const total = route.destinations.reduce((sum, { weight }) => sum + (weight ?? 0), 0);
  const written = route.destinations.some(({ weight }) => weight !== undefined);
  // A Gateway API rule: relative weights, backendRefs added and removed as such.
  const backends = !isIstioRoute(target);

  return (
    <section aria-label={`Weights of ${routeTitle(target)}`} className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-[11px] font-medium uppercase tracking-wide text-slate-500">
          Weights of {target.routeKind}[{target.routeIndex}]
        </h3>
        <WriteStatusNote route={key} />
      </div>
      {written && total !== 100 && route.destinations.length > 1 && (
        <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
          The weights written add up to {total}, not 100; Istio shares traffic in proportion, as shown.
        </p>
      )}
      {backends && (
        <p className="text-xs text-slate-600">
          Gateway API weights are relative: the shares are written as whole-number weights that give them,
          keeping the rule&apos;s total where they can.
        </p>
      )}
      <ul className="flex flex-col gap-2">
        {route.destinations.map(({ destination }, index) => {
          const name = destinationName({
            host: destination.host,
            subset: destination.subset,
            port: destination.port?.number,
          });
          return (
            <DestinationWeightRow
              key={route.ids[index]}
              name={name}
              label={weightLabel({
                ...target,
                host: destination.host,
                subset: destination.subset,
                port: destination.port?.number,
              })}
              value={weights[index] ?? 0}
              locked={locked[index] ?? false}
              readOnly={editing.readOnly || route.destinations.length === 1}
              disabled={disabled}
              onMove={(value) => move(index, value)}
              onEnd={onEnd}
              onToggleLock={() => toggleLock(key, route.ids[index] ?? '')}
              onSendAll={() => set(sendAll(route.destinations.length, index))}
              onRemove={
                editing.readOnly
                  ? undefined
                  : () =>
                      requestRemoval({
                        target,
                        destinationIndex: index,
                        destinationId: route.ids[index] ?? '',
                      })
              }
            />
          );
        })}
      </ul>
      <ShareSparklines
        target={target}
        names={route.destinations.map(({ destination }) =>
          destinationName({
            host: destination.host,
            subset: destination.subset,
            port: destination.port?.number,
          }),
        )}
        weights={weights}
      />
      {!editing.readOnly && (
        <div className="flex flex-wrap items-start gap-2">
          {route.destinations.length > 1 && (
            <button
              type="button"
              disabled={disabled}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
              onClick={() => set(evenSplit(route.destinations.length, locked, weights))}
            >
              Even split
            </button>
          )}
          <AddDestinationControl target={target} disabled={disabled} />
          <DragWritesToggle />
        </div>
      )}
    </section>
  );
}

/** Whether dragging a weight writes as it goes (throttled) or once, on release. */
function DragWritesToggle() {
  const live = useDragWrites() === 'live';
  return (
    <label
      className="flex items-center gap-1.5 py-1 text-xs text-slate-700"
      title="On: the cluster follows the slider while you drag (a few writes a second). Off: the new weights are only shown until you let go, then written once."
    >
      <input
        type="checkbox"
        checked={live}
        onChange={(event) => dragWrites.set(event.target.checked ? 'live' : 'release')}
      />
      Write while dragging
    </label>
  );
}
