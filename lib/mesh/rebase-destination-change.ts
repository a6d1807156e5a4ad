import { deepEqual } from './deep-equal';
import type { DestinationChange } from './destination-changes';
import { routeAt, sameDestination } from './routes';
import type { MeshObject } from './types';

/**
 * After a 409: adding or removing a destination made against `base` applies to `current`
 * only when that route is still the same one (name and matches) with the same destinations
 * in the same order. Weights moved meanwhile are kept: the add joins at 0% beside them, the
 * removed share is spread over them as they are now.
 */
export function rebaseDestinationChange(
  change: DestinationChange,
  base: MeshObject,
  current: MeshObject,
): DestinationChange | undefined {
  if (base.kind !== 'VirtualService' || current.kind !== 'VirtualService') return undefined;
  if (base.metadata.name !== current.metadata.name) return undefined;
  const before = routeAt(base, change.routeKind, change.routeIndex);
  const now = routeAt(current, change.routeKind, change.routeIndex);
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
  return same ? change : undefined;
}
