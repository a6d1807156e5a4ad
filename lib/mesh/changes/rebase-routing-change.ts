import { deepEqual } from '../deep-equal';
import { routesOf } from '../routes';
import type { MeshObject } from '../types';
import type { RoutingChange } from './routing-changes';

/**
 * After a 409: a route or spec change made against `base` still applies to `current` only
 * when the part it touches is the same in both; else undefined (a real conflict). A route
 * replaced whole needs that route unchanged; adding, removing and moving need the route list
 * of that kind unchanged (positions are what they act on); a whole spec needs the spec.
 */
export function rebaseRoutingChange(
  change: RoutingChange,
  base: MeshObject,
  current: MeshObject,
): RoutingChange | undefined {
  if (base.kind !== current.kind || base.metadata.name !== current.metadata.name) return undefined;
  if (change.kind === 'SetSpec') return deepEqual(base.spec, current.spec) ? change : undefined;
  if (base.kind !== 'VirtualService' || current.kind !== 'VirtualService') return undefined;
  const before = routesOf(base, change.routeKind);
  const now = routesOf(current, change.routeKind);
  if (change.kind === 'SetRoute') {
    const route = before[change.routeIndex];
    return route !== undefined && deepEqual(route, now[change.routeIndex]) ? change : undefined;
  }
  return deepEqual(before, now) ? change : undefined;
}
