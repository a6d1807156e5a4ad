import { useCallback } from 'react';
import { ApiError } from '@/lib/client/api-error';
import { refuseChange, useChangeMutation } from '@/lib/client/change-mutation';
import { recordWeightEdit } from '@/lib/client/undo-redo';
import { outcomeOf } from '@/lib/client/write-outcome';
import {
  type AddBackend,
  type AddDestination,
  applyChange,
  type RemoveBackend,
  type RemoveDestination,
} from '@/lib/mesh/changes';
import { backendsOf } from '@/lib/mesh/changes/backend-rule';
import type { DestinationEdit } from '@/lib/mesh/changes/edits';
import { writtenWeights } from '@/lib/mesh/changes/set-backend-weights';
import { isMeshError } from '@/lib/mesh/errors';
import { objectKey } from '@/lib/mesh/object-key';
import { isIstioRoute, type RouteAddress, routeAddressKey } from '@/lib/mesh/route-address';
import { backendDestination } from '@/lib/mesh/route-destinations';
import type { MeshObject } from '@/lib/mesh/types';
import type { Addition } from './destination-choices';
import { useGetMeshObject } from './mesh-objects-context';
import { type RouteWeights, readRouteWeights } from './route-weights';
import { weightDrafts } from './weight-drafts';

type DestinationChange = AddDestination | RemoveDestination | AddBackend | RemoveBackend;

/**
 * Adds a destination to a route or removes one, as a change record written against the
 * version on screen: AddDestination / RemoveDestination on a VirtualService's route,
 * AddBackend / RemoveBackend on a Gateway API route's rule. A change that cannot apply here
 * (the destination is already there, the last one would go) is not sent: the route shows
 * why, as it would show the server's refusal.
 */
export function useDestinationEdits() {
  const getObject = useGetMeshObject();
  const { mutateAsync } = useChangeMutation();

  const send = useCallback(
    (target: RouteAddress, change: DestinationChange) => {
      const object = getObject(objectKey(target.ref));
      if (!object || object.kind === 'Invalid') return Promise.resolve(false);
      try {
        applyChange(object, change);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        refuseChange(change, new ApiError(isMeshError(error) ? error.code : 'Invalid', 422, message));
        return Promise.resolve(false);
      }
      const edit = destinationEdit(change, object, readRouteWeights(object, target));
      // The route's destinations change: a draft of the old ones must not stand in for them.
      weightDrafts.set(routeAddressKey(target), undefined);
      const landed = outcomeOf(
        mutateAsync({ change, resourceVersion: object.metadata.resourceVersion ?? '' }),
      );
      // Recorded as it is sent, as a slider's edit is: Undo pressed while it is written undoes
      // it once it lands, not the edit before; a refused write leaves the lists again (one
      // whose outcome is unknown stays: it may have landed).
      recordWeightEdit(edit, landed);
      return landed.then((outcome) => outcome === 'landed');
    },
    [getObject, mutateAsync],
  );

  const add = useCallback(
    (target: RouteAddress, { destination, backendRef }: Addition) => {
      const { ref, routeIndex } = target;
      if (isIstioRoute(target)) {
        const { routeKind } = target;
        return send(target, { kind: 'AddDestination', target: ref, routeKind, routeIndex, destination });
      }
      if (!backendRef) return Promise.resolve(false);
      return send(target, { kind: 'AddBackend', target: ref, routeKind: 'rules', routeIndex, backendRef });
    },
    [send],
  );

  const remove = useCallback(
    (target: RouteAddress, destinationIndex: number) => send(target, removalChange(target, destinationIndex)),
    [send],
  );

  return { add, remove };
}

/** The change that removes destination `index` of a route: RemoveDestination, or a rule's RemoveBackend. */
export function removalChange(target: RouteAddress, index: number): RemoveDestination | RemoveBackend {
  const { ref, routeIndex } = target;
  return isIstioRoute(target)
    ? {
        kind: 'RemoveDestination',
        target: ref,
        routeKind: target.routeKind,
        routeIndex,
        destinationIndex: index,
      }
    : { kind: 'RemoveBackend', target: ref, routeKind: 'rules', routeIndex, backendIndex: index };
}

/** The change as undo needs it: what it added or removed, and the route as it was before. */
function destinationEdit(
  change: DestinationChange,
  object: MeshObject,
  before: RouteWeights | undefined,
): DestinationEdit {
  const { target, routeKind, routeIndex } = change;
  const adding = change.kind === 'AddDestination' || change.kind === 'AddBackend';
  const common = {
    kind: adding ? ('AddDestination' as const) : ('RemoveDestination' as const),
    target,
    routeKind,
    routeIndex,
    destinations: before?.ids ?? [],
    weights: before?.weights ?? [],
  };
  switch (change.kind) {
    case 'AddDestination':
      return { ...common, destination: change.destination };
    case 'RemoveDestination':
      return {
        ...common,
        destination: before?.destinations[change.destinationIndex]?.destination ?? { host: '' },
      };
    case 'AddBackend':
      return {
        ...common,
        destination: backendDestination(change.backendRef, object.metadata.namespace ?? target.namespace),
        backendRef: change.backendRef,
        written: writtenWeights(object, routeIndex) ?? [],
      };
    case 'RemoveBackend': {
      const { weight: _weight, ...backendRef } = backendsOf(object, routeIndex)?.[change.backendIndex] ?? {
        name: '',
      };
      return {
        ...common,
        destination: before?.destinations[change.backendIndex]?.destination ?? { host: '' },
        backendRef,
        written: writtenWeights(object, routeIndex) ?? [],
      };
    }
  }
}
