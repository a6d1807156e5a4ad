import { destinationKeys } from '@/lib/mesh/destination-key';
import { routeAt } from '@/lib/mesh/routes';
import type { ObjectKey, RouteDestination, RouteKind, StoredObject, VirtualService } from '@/lib/mesh/types';
import { effectiveWeights } from '@/lib/mesh/weights';

/** One route of one VirtualService, as a weight edge names it. */
export interface RouteTarget {
  /** `namespace/name` of the VirtualService. */
  virtualService: string;
  routeKind: RouteKind;
  routeIndex: number;
}

export interface RouteWeights {
  object: VirtualService;
  destinations: RouteDestination[];
  /** `host|subset|port` of each destination. */
  ids: string[];
  /** As Istio applies them now. */
  weights: number[];
}

export function virtualServiceKey(target: RouteTarget): ObjectKey {
  return `VirtualService/${target.virtualService}`;
}

/** The destinations and effective weights of a route, or undefined when the route is gone. */
export function readRouteWeights(
  object: StoredObject | undefined,
  target: RouteTarget,
): RouteWeights | undefined {
  if (object?.kind !== 'VirtualService') return undefined;
  const destinations = routeAt(object, target.routeKind, target.routeIndex)?.route ?? [];
  if (destinations.length === 0) return undefined;
  return {
    object,
    destinations: [...destinations],
    ids: destinationKeys(destinations),
    weights: effectiveWeights(destinations.map((destination) => destination.weight)),
  };
}
