import { deepEqual } from '../deep-equal';
import { type AnyRoute, routeAt, routesOf, sameDestination } from '../routes';
import type { MeshObject, RouteKind } from '../types';

/**
 * A route's place in `base` and in `current` when it is still the same route there: same
 * VirtualService, same name and matches, the same destinations in the same order (weights
 * may differ). What a weight or destination change made against `base` needs to rebase.
 */
export function sameRouteIn(
  base: MeshObject,
  current: MeshObject,
  routeKind: RouteKind,
  routeIndex: number,
): { before: AnyRoute; now: AnyRoute } | undefined {
  if (base.kind !== 'VirtualService' || current.kind !== 'VirtualService') return undefined;
  if (base.metadata.name !== current.metadata.name) return undefined;
  const before = routeAt(base, routeKind, routeIndex);
  const now = routeAt(current, routeKind, routeIndex);
  if (!before || !now) return undefined;

  const nameOf = (route: object) => ('name' in route ? route.name : undefined);
  if (nameOf(before) !== nameOf(now) || !deepEqual(before.match, now.match)) return undefined;
  const was = before.route ?? [];
  const is = now.route ?? [];
  const same =
    was.length === is.length &&
    was.every((d, i) => {
      const other = is[i];
      return other !== undefined && sameDestination(d.destination, other.destination);
    });
  return same ? { before, now } : undefined;
}

/**
 * The route list of one kind is the same in `base` and `current` (same VirtualService): what
 * adding, removing and moving a route need to rebase, since positions are what they act on.
 */
export function sameRouteList(base: MeshObject, current: MeshObject, routeKind: RouteKind): boolean {
  if (base.kind !== 'VirtualService' || current.kind !== 'VirtualService') return false;
  if (base.metadata.name !== current.metadata.name) return false;
  return deepEqual(routesOf(base, routeKind), routesOf(current, routeKind));
}
