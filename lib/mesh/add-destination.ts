import { type AddDestination, destinationRoute, withRoute } from './destination-changes';
import { InvalidError } from './errors';
import { sameDestination } from './routes';
import type { Destination, HTTPRoute, MeshObject, VirtualService } from './types';
import { effectiveWeights } from './weights';

/**
 * Adds a destination at the end of a route, at 0% (alone, at 100%). The destinations already
 * there keep the share Istio gives them now, written out as whole percentages adding up to
 * 100. Refuses a destination the route already has, and a route that sends nowhere (a
 * redirect, a direct response, a delegation).
 */
export function addDestination(object: MeshObject, change: AddDestination): VirtualService {
  const { vs, route, where } = destinationRoute(object, change);
  const destination = checkDestination(change.destination);
  const http = route as HTTPRoute;
  const instead = http.redirect
    ? 'redirects'
    : http.directResponse
      ? 'answers directly'
      : http.delegate
        ? 'delegates'
        : undefined;
  if (instead) throw new InvalidError(`${where} ${instead}: it has no destinations to add to`);

  const destinations = route.route ?? [];
  if (destinations.some((d) => sameDestination(d.destination, destination))) {
    throw new InvalidError(`${where} already sends to ${words(destination)}`);
  }
  const weights = effectiveWeights(destinations.map((d) => d.weight));
  if (destinations.length > 1 && weights.every((w) => w === 0)) {
    // Istio refuses such a route already; adding at 0% would not make it valid.
    throw new InvalidError(`${where} has destinations whose weights are all 0: set its weights first`);
  }
  const weighted = [
    ...destinations.map((d, i) => (d.weight === weights[i] ? d : { ...d, weight: weights[i] })),
    { destination, weight: destinations.length === 0 ? 100 : 0 },
  ];
  return withRoute(vs, change.routeKind, change.routeIndex, { ...route, route: weighted });
}

// The destination as it will be written: only the fields given, nothing else carried in.
function checkDestination(value: unknown): Destination {
  if (value === null || typeof value !== 'object')
    throw new InvalidError('destination must be {host, subset?, port?}');
  const { host, subset, port } = value as Record<string, unknown>;
  if (typeof host !== 'string' || !/^[^\s/*]+$/.test(host)) {
    throw new InvalidError(`destination.host must be a host name, got ${JSON.stringify(host)}`);
  }
  if (subset !== undefined && (typeof subset !== 'string' || !/^\S+$/.test(subset))) {
    throw new InvalidError(`destination.subset must be a subset name, got ${JSON.stringify(subset)}`);
  }
  const number = port === undefined ? undefined : (port as { number?: unknown } | null)?.number;
  if (
    port !== undefined &&
    (!Number.isInteger(number) || (number as number) < 1 || (number as number) > 65535)
  ) {
    throw new InvalidError(
      `destination.port.number must be a port from 1 to 65535, got ${JSON.stringify(number)}`,
    );
  }
  return {
    host,
    ...(subset !== undefined && { subset: subset as string }),
    ...(number !== undefined && { port: { number: number as number } }),
  };
}

function words(d: Destination): string {
  return `${d.host}${d.subset ? ` subset ${d.subset}` : ''}${d.port?.number ? ` port ${d.port.number}` : ''}`;
}
