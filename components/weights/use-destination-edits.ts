import { useCallback } from 'react';
import { ApiError } from '@/lib/client/api-error';
import { refuseChange, useChangeMutation } from '@/lib/client/change-mutation';
import { recordWeightEdit } from '@/lib/client/undo-redo';
import { type AddDestination, applyChange, type RemoveDestination } from '@/lib/mesh/changes';
import type { DestinationEdit } from '@/lib/mesh/changes/edits';
import { isMeshError } from '@/lib/mesh/errors';
import { objectKey } from '@/lib/mesh/object-key';
import { isIstioRoute, type RouteAddress, routeAddressKey } from '@/lib/mesh/route-address';
import type { Destination } from '@/lib/mesh/types';
import { useGetMeshObject } from './mesh-objects-context';
import { type RouteWeights, readRouteWeights } from './route-weights';
import { weightDrafts } from './weight-drafts';

/**
 * Adds a destination to a route or removes one, as a change record written against the
 * version on screen. A change that cannot apply here (the destination is already there, the
 * last one would go) is not sent: the route shows why, as it would show the server's refusal.
 */
export function useDestinationEdits() {
  const getObject = useGetMeshObject();
  const { mutateAsync } = useChangeMutation();

  const send = useCallback(
    (target: RouteAddress, change: AddDestination | RemoveDestination) => {
      const object = getObject(objectKey(target.ref));
      if (object?.kind !== 'VirtualService') return Promise.resolve(false);
      try {
        applyChange(object, change);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        refuseChange(change, new ApiError(isMeshError(error) ? error.code : 'Invalid', 422, message));
        return Promise.resolve(false);
      }
      const before = readRouteWeights(object, target);
      // The route's destinations change: a draft of the old ones must not stand in for them.
      weightDrafts.set(routeAddressKey(target), undefined);
      return mutateAsync({ change, resourceVersion: object.metadata.resourceVersion ?? '' }).then(
        () => {
          recordWeightEdit(destinationEdit(change, before));
          return true;
        },
        () => false,
      );
    },
    [getObject, mutateAsync],
  );

  // Adding and removing backends of a Gateway API rule is not offered yet: only its weights.
  const add = useCallback(
    (target: RouteAddress, destination: Destination) =>
      !isIstioRoute(target)
        ? Promise.resolve(false)
        : send(target, {
            kind: 'AddDestination',
            target: target.ref,
            routeKind: target.routeKind,
            routeIndex: target.routeIndex,
            destination,
          }),
    [send],
  );

  const remove = useCallback(
    (target: RouteAddress, destinationIndex: number) =>
      !isIstioRoute(target)
        ? Promise.resolve(false)
        : send(target, {
            kind: 'RemoveDestination',
            target: target.ref,
            routeKind: target.routeKind,
            routeIndex: target.routeIndex,
            destinationIndex,
          }),
    [send],
  );

  return { add, remove };
}

/** The change as undo needs it: what it added or removed, and the route as it was before. */
function destinationEdit(
  change: AddDestination | RemoveDestination,
  before: RouteWeights | undefined,
): DestinationEdit {
  const { kind, target, routeKind, routeIndex } = change;
  const destination =
    change.kind === 'AddDestination'
      ? change.destination
      : (before?.destinations[change.destinationIndex]?.destination ?? { host: '' });
  return {
    kind,
    target,
    routeKind,
    routeIndex,
    destination,
    destinations: before?.ids ?? [],
    weights: before?.weights ?? [],
  };
}
