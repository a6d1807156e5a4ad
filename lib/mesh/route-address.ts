import { objectKey } from './object-key';
import type { ObjectRef, RouteKind } from './types';

/**
 * One route of one VirtualService, as data: what a route node, a weight edge, a change and a
 * write status all name. Carried whole, so nobody parses it back out of a string or a path.
 */
export interface RouteAddress {
  /** The VirtualService, or the Gateway API route (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute). */
  ref: ObjectRef;
  /** A VirtualService's `http`, `tcp` or `tls`; a Gateway API route's `rules`. */
  routeKind: RouteKind | 'rules';
  routeIndex: number;
}

/** One destination of one route: what a weight edge and its slider write to. */
export interface DestinationAddress extends RouteAddress {
  destinationIndex: number;
}

/** The address of route `routeKind[routeIndex]` of the VirtualService `namespace/name`. */
export function routeAddress(
  namespace: string,
  name: string,
  routeKind: RouteKind,
  routeIndex: number,
): RouteAddress {
  return { ref: { kind: 'VirtualService', namespace, name }, routeKind, routeIndex };
}

/**
 * `HTTPRoute/shop/cart/rules/0`, `VirtualService/shop/reviews/http/0`: a route as a key (drafts,
 * locks, write statuses, test ids, weight edge ids), never parsed back. The object's key comes
 * first, kind and all: an HTTPRoute and a GRPCRoute (or a TCPRoute, a TLSRoute) may share a
 * name in a namespace, and two routes must never share a draft or a status.
 */
export function routeAddressKey({ ref, routeKind, routeIndex }: RouteAddress): string {
  return `${objectKey(ref)}/${routeKind}/${routeIndex}`;
}

/** `HTTPRoute/shop/cart/rules/0/1`: one destination of a route as a key (the route's key and its index). */
export function destinationAddressKey(address: DestinationAddress): string {
  return `${routeAddressKey(address)}/${address.destinationIndex}`;
}

/**
 * `shop/reviews http[0]`, `HTTPRoute shop/cart rules[0]`: a route as a person reads it in a label
 * or message. A Gateway API rule names its kind: an HTTPRoute and a GRPCRoute may share a name,
 * and their sliders must not share an accessible name (http, tcp and tls are a VirtualService's).
 */
export function routeTitle({ ref, routeKind, routeIndex }: RouteAddress): string {
  const kind = routeKind === 'rules' ? `${ref.kind} ` : '';
  return `${kind}${ref.namespace}/${ref.name} ${routeKind}[${routeIndex}]`;
}

/** The route's path inside its object: `spec.http[0]`. */
export function routePath({ routeKind, routeIndex }: Pick<RouteAddress, 'routeKind' | 'routeIndex'>): string {
  return `spec.${routeKind}[${routeIndex}]`;
}

/** A VirtualService's route (http, tcp or tls), as opposed to a Gateway API route's rule. */
export type IstioRouteAddress = RouteAddress & { routeKind: RouteKind };

export function isIstioRoute<A extends RouteAddress>(address: A): address is A & { routeKind: RouteKind } {
  return address.routeKind !== 'rules';
}
