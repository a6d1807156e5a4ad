import type { Destination, HTTPRoute, RouteKind, TCPRoute, TLSRoute, VirtualService } from './types';

/** Any route of a VirtualService: http, tcp and tls routes all carry weighted destinations. */
export type AnyRoute = HTTPRoute | TCPRoute | TLSRoute;

export const ROUTE_KINDS: readonly RouteKind[] = ['http', 'tcp', 'tls'];

/** The routes of one kind, in order (empty when the VirtualService has none). */
export function routesOf(vs: VirtualService, routeKind: RouteKind): readonly AnyRoute[] {
  return vs.spec[routeKind] ?? [];
}

/** The route at `routeKind[routeIndex]`, or undefined when there is none. */
export function routeAt(vs: VirtualService, routeKind: RouteKind, routeIndex: number): AnyRoute | undefined {
  if (!ROUTE_KINDS.includes(routeKind) || !Number.isInteger(routeIndex) || routeIndex < 0) return undefined;
  return routesOf(vs, routeKind)[routeIndex];
}

/** How Weir names a route in messages and paths: `http[0]`. */
export function routeLabel(routeKind: RouteKind, routeIndex: number): string {
  return `${routeKind}[${routeIndex}]`;
}

/** Whether two destinations address the same place: host, subset and port, ignoring weights. */
export function sameDestination(a: Destination, b: Destination): boolean {
  return a.host === b.host && a.subset === b.subset && a.port?.number === b.port?.number;
}
