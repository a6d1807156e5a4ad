import { destinationKeys } from '@/lib/mesh/destination-key';
import type { RouteAddress } from '@/lib/mesh/route-address';
import { routeAt } from '@/lib/mesh/routes';
import type { RouteDestination, StoredObject, VirtualService } from '@/lib/mesh/types';
import { effectiveWeights } from '@/lib/mesh/weights';

export interface RouteWeights {
  object: VirtualService;
  destinations: RouteDestination[];
  /** `host|subset|port` of each destination. */
  ids: string[];
  /** As Istio applies them now. */
  weights: number[];
}

/** The destinations and effective weights of a route, or undefined when the route is gone. */
export function readRouteWeights(
  object: StoredObject | undefined,
  target: RouteAddress,
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
