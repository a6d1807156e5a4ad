import { routeAt, routeLabel } from '../routes';
import type { Destination, MeshObject, RouteKind } from '../types';

/** `catalog v2`, `payments:8080`: a destination as a person names it in a summary. */
export function destinationPhrase(d: Destination): string {
  const host = d.host.replace(/\.svc\.cluster\.local$/, '');
  return `${host}${d.port?.number ? `:${d.port.number}` : ''}${d.subset ? ` ${d.subset}` : ''}`;
}

/** `checkout subset v2 port 8080`: a destination spelled out, for a refusal. */
export function destinationInFull(d: Destination): string {
  return `${d.host}${d.subset ? ` subset ${d.subset}` : ''}${d.port?.number ? ` port ${d.port.number}` : ''}`;
}

/**
 * `checkout http[1] (default)`, and that route's destinations: the route a change names, as
 * it reads in `object` (no destinations when it is not there).
 */
export function routePhrase(change: { routeKind: RouteKind; routeIndex: number }, object: MeshObject) {
  const route =
    object.kind === 'VirtualService' ? routeAt(object, change.routeKind, change.routeIndex) : undefined;
  const name = route && 'name' in route && route.name ? ` (${route.name})` : '';
  const where = `${object.metadata.name} ${routeLabel(change.routeKind, change.routeIndex)}${name}`;
  return { where, route, destinations: route?.route ?? [] };
}
