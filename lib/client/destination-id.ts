import type { Destination, RouteDestination } from '../mesh/types';

/** `host|subset|port`: a destination's identity within a route, whatever its index. */
export function destinationId(destination: Destination): string {
  return `${destination.host}|${destination.subset ?? ''}|${destination.port?.number ?? ''}`;
}

/** The identity of each destination of a route, in route order. */
export function destinationIds(route: readonly RouteDestination[]): string[] {
  return route.map(({ destination }) => destinationId(destination));
}
