import { type BackendRef, GATEWAY_ROUTE_KINDS, type GatewayRoute } from './gateway-api-types';
import { backendShares } from './resolve/gateway-api';
import type { RouteAddress } from './route-address';
import { routeAt } from './routes';
import type { Destination, RouteDestination, StoredObject } from './types';
import { effectiveWeights } from './weights';

/**
 * The weighted destinations of one route as the sliders show them, for a VirtualService's
 * route and a Gateway API route's rule alike: each destination (a backendRef as the host it
 * names: `name`, or `name.namespace` in another namespace, with its port) and its share in
 * whole percent (Istio's effective weights; the Gateway API's relative weights as shares).
 * Undefined when the object or the route is not there.
 */
export function routeDestinationsOf(
  object: StoredObject | undefined,
  address: RouteAddress,
): { destinations: RouteDestination[]; weights: number[] } | undefined {
  if (!object || object.kind === 'Invalid') return undefined;
  if (address.routeKind === 'rules') {
    if (!(GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind)) return undefined;
    const route = object as GatewayRoute;
    const rule = Number.isInteger(address.routeIndex) ? route.spec.rules?.[address.routeIndex] : undefined;
    if (!rule) return undefined;
    const backends = rule.backendRefs ?? [];
    const shares = backendShares(backends.map((backend) => backend.weight));
    const own = route.metadata.namespace;
    return {
      destinations: backends.map((backend, i) => ({
        destination: backendDestination(backend, own ?? address.ref.namespace),
        weight: shares[i] ?? 0,
      })),
      weights: shares,
    };
  }
  if (object.kind !== 'VirtualService') return undefined;
  const route = routeAt(object, address.routeKind, address.routeIndex);
  if (!route) return undefined;
  const destinations = [...(route.route ?? [])];
  return { destinations, weights: effectiveWeights(destinations.map((d) => d.weight)) };
}

/**
 * A backendRef as the destination the sliders, undo and the remove dialog name it by: the
 * host `name` (`name.namespace` in another namespace) and its port.
 */
export function backendDestination(
  backend: Pick<BackendRef, 'name' | 'namespace' | 'port'>,
  routeNamespace: string,
): Destination {
  return {
    host:
      backend.namespace && backend.namespace !== routeNamespace
        ? `${backend.name}.${backend.namespace}`
        : backend.name,
    ...(backend.port !== undefined && { port: { number: backend.port } }),
  };
}
