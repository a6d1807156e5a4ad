'use client';

import { useEffect, useRef } from 'react';
import { applyChange } from '@/lib/mesh/changes';
import { parseDestinationKey } from '@/lib/mesh/destination-key';
import { objectKey } from '@/lib/mesh/object-key';
import { isIstioRoute, routeTitle } from '@/lib/mesh/route-address';
import { useObjectEditing } from '../editing/object-editing';
import { closeRemoval, type RemovalRequest, useRemovalRequest } from './destination-removal';
import { destinationName } from './labels';
import { useGetMeshObject } from './mesh-objects-context';
import { type RouteWeights, readRouteWeights } from './route-weights';
import { removalChange, useDestinationEdits } from './use-destination-edits';

const BUTTON = 'rounded border px-3 py-1.5 text-sm font-medium';

/**
 * Asks before a destination leaves a route (a backendRef a Gateway API rule), naming the
 * traffic it carries and where that goes; explains instead when it is the route's last
 * destination, when the change cannot apply, or when the route may not be changed.
 * Mounted once; the inspector's remove buttons and Delete on a weight edge open it.
 */
export function RemoveDestinationDialog() {
  const request = useRemovalRequest();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (request && !element.open) element.showModal();
    if (!request && element.open) element.close();
  }, [request]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="remove-destination-title"
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/30"
      onClose={closeRemoval}
    >
      {request && <DialogBody request={request} />}
    </dialog>
  );
}

function DialogBody({ request }: { request: RemovalRequest }) {
  const getObject = useGetMeshObject();
  const { target } = request;
  const { editing } = useObjectEditing(target.ref);
  const { remove } = useDestinationEdits();
  const object = getObject(objectKey(target.ref));
  const route = readRouteWeights(object, target);
  const index = route ? route.ids.indexOf(request.destinationId) : -1;
  const where = routeTitle(target);
  const label = destinationName(parseDestinationKey(request.destinationId));
  const [noun, whole] = isIstioRoute(target) ? ['destination', 'route'] : ['backend', 'rule'];

  let title = `Remove ${label}?`;
  let explanation: string;
  let allowed = false;
  if (!route || index < 0) {
    title = `${label} is no longer there`;
    explanation = `${where} changed meanwhile and no longer sends to ${label}.`;
  } else if (route.destinations.length === 1) {
    title = `${label} cannot be removed`;
    explanation = `${label} is the only ${noun} of ${where}: a ${whole} must send its traffic somewhere. Add another ${noun} first (then remove this one), or remove the whole ${whole}.`;
  } else if (!editing.canEdit) {
    title = `${label} cannot be removed here`;
    explanation = editing.reason ?? `You may not change this ${target.ref.kind}.`;
  } else {
    // The change as it will be written, applied here: the shares after it, or why it cannot be.
    let after: RouteWeights | undefined;
    let refusal: string | undefined;
    try {
      after = readRouteWeights(applyChange(route.object, removalChange(target, index)), target);
    } catch (error) {
      refusal = error instanceof Error ? error.message : String(error);
    }
    if (refusal || !after) {
      title = `${label} cannot be removed`;
      explanation = refusal ?? `${where} would have no ${noun} left.`;
    } else {
      allowed = true;
      explanation =
        route.weights[index] === 0
          ? `${label} carries 0% of ${where}: no traffic moves.`
          : `${label} carries ${route.weights[index]}% of ${where}; its share goes to the others${shareWords(route, index, after)}.`;
    }
  }

  return (
    <form
      method="dialog"
      className="flex flex-col gap-3 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        closeRemoval();
        if (allowed) void remove(target, index);
      }}
    >
      <h2 id="remove-destination-title" className="text-base font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-700">{explanation}</p>
      <div className="flex justify-end gap-2">
        <button
          type="button"
          // biome-ignore lint/a11y/noAutofocus: in a modal dialog, Cancel first and focused: Enter right after Delete removes nothing
          autoFocus
          className={`${BUTTON} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
          onClick={closeRemoval}
        >
          {allowed ? 'Cancel' : 'Close'}
        </button>
        {allowed && (
          <button type="submit" className={`${BUTTON} border-red-700 bg-red-700 text-white hover:bg-red-800`}>
            Remove {label}
          </button>
        )}
      </div>
    </form>
  );
}

// `: v1 90% → 100%, v3 0% → 0%`, the others' weights before and after, as Istio applies them.
function shareWords(route: RouteWeights, index: number, removed: RouteWeights): string {
  const others = route.destinations.map((_, i) => i).filter((i) => i !== index);
  const after = removed.weights;
  const moves = others.map((i, k) => {
    const { destination } = route.destinations[i] ?? { destination: { host: '?' } };
    const name = destinationName({
      host: destination.host,
      subset: destination.subset,
      port: destination.port?.number,
    });
    return `${name} ${route.weights[i]}% → ${after[k]}%`;
  });
  return moves.length > 0 ? ` (${moves.join(', ')})` : '';
}
