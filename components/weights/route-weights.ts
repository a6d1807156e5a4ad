import { destinationKeys } from '@/lib/mesh/destination-key';
import type { RouteAddress } from '@/lib/mesh/route-address';
import { routeDestinationsOf } from '@/lib/mesh/route-destinations';
import type { MeshObject, RouteDestination, StoredObject } from '@/lib/mesh/types';

export interface RouteWeights {
  /** The VirtualService, or the Gateway API route. */
  object: MeshObject;
  destinations: RouteDestination[];
  /** `host|subset|port` of each destination. */
  ids: string[];
  /** As Istio applies them now; a Gateway API rule's shares. */
  weights: number[];
}

/** The destinations and effective weights of a route, or undefined when the route is gone. */
export function readRouteWeights(
  object: StoredObject | undefined,
  target: RouteAddress,
): RouteWeights | undefined {
  const read = routeDestinationsOf(object, target);
  if (!object || object.kind === 'Invalid' || !read || read.destinations.length === 0) return undefined;
  return {
    object,
    destinations: read.destinations,
    ids: destinationKeys(read.destinations),
    weights: read.weights,
  };
}
