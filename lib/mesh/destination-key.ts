import type { Destination, RouteDestination } from './types';

/** Where a destination sends: its host (as written, or resolved), subset and port. */
export interface DestinationPlace {
  host: string;
  subset?: string;
  port?: number;
}

/**
 * `host|subset|port`: a destination's identity within a route, whatever its index. The one
 * format for it: undo checks a route still has its destinations by it, the graph's destination
 * nodes are `dest:` and it (with the host resolved), the validator finds duplicates by it.
 */
export function destinationKey({ host, subset, port }: DestinationPlace): string {
  return `${host}|${subset ?? ''}|${port ?? ''}`;
}

/** The place a route's destination names, as written. */
export function placeOf(destination: Destination): DestinationPlace {
  return {
    host: destination.host,
    ...(destination.subset && { subset: destination.subset }),
    ...(destination.port?.number !== undefined && { port: destination.port.number }),
  };
}

/** The key of each destination of a route, in route order. */
export function destinationKeys(route: readonly RouteDestination[]): string[] {
  return route.map(({ destination }) => destinationKey(placeOf(destination)));
}

/** Reads a key back; a key that names no host gives an empty host. */
export function parseDestinationKey(key: string): DestinationPlace {
  const [host = '', subset, port] = key.split('|');
  return { host, ...(subset && { subset }), ...(port && { port: Number(port) }) };
}
