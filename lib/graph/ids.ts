import { type DestinationPlace, destinationKey, parseDestinationKey } from '../mesh/destination-key';
import { type DestinationAddress, destinationAddressKey } from '../mesh/route-address';
import type { RouteKind } from '../mesh/types';

// Node and edge ids derive from object identity only, so the same object keeps its id across
// snapshots and a re-render never remounts its node (STYLE.md §6).

export function gatewayId(namespace: string, name: string): string {
  return `gw:${namespace}/${name}`;
}

export function virtualServiceId(namespace: string, name: string): string {
  return `vs:${namespace}/${name}`;
}

export function routeId(namespace: string, name: string, kind: RouteKind, index: number): string {
  return `route:${namespace}/${name}/${kind}/${index}`;
}

const DESTINATION = 'dest:';

/**
 * Destinations are shared by (fully qualified host, subset, port): routes to the same place
 * converge. `dest:` and the destination's key, its host resolved.
 */
export function destinationNodeId(place: DestinationPlace): string {
  return `${DESTINATION}${destinationKey(place)}`;
}

/** The place a destination node stands for, or undefined for another id. */
export function placeOfDestinationNode(id: string): DestinationPlace | undefined {
  return id.startsWith(DESTINATION) ? parseDestinationKey(id.slice(DESTINATION.length)) : undefined;
}

export function subsetId(namespace: string, destinationRule: string, subset: string): string {
  return `subset:${namespace}/${destinationRule}/${subset}`;
}

/** Workloads are the pods one selector picks in one namespace: `workload:shop/app=reviews,version=v2`. */
export function workloadId(namespace: string, selector: string): string {
  return `workload:${namespace}/${selector}`;
}

/** `invalid:VirtualService/shop/broken`: the key the unreadable object is stored under. */
export function invalidId(key: string): string {
  return `invalid:${key}`;
}

/** Id of an edge that stands for nothing but its two ends (binds, route, subset, workload, delegate). */
export function plainEdgeId(kind: string, source: string, target: string): string {
  return `${kind}:${source}->${target}`;
}

/**
 * Id of the weight edge for one destination of one route, a VirtualService's or a Gateway API
 * rule's: `weight:VirtualService/shop/reviews/http/0/1`, `weight:HTTPRoute/shop/cart/rules/0/1`.
 * The destination's key (destinationAddressKey) is the slider's test id and the key its
 * measured shares are answered under, so it is built in that one place.
 */
export function weightEdgeId(address: DestinationAddress): string {
  return `weight:${destinationAddressKey(address)}`;
}

/** Id of a mirror edge: `mirror:shop/reviews/http/0/mirror` or `…/mirrors/1`. */
export function mirrorEdgeId(namespace: string, name: string, index: number, which: string): string {
  return `mirror:${namespace}/${name}/http/${index}/${which}`;
}

/** `se:ns/name`: a ServiceEntry. */
export function serviceEntryId(namespace: string, name: string): string {
  return `se:${namespace}/${name}`;
}
