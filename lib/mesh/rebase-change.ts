import type { MeshChange, SetWeights } from './changes';
import { rebaseRoutingChange } from './changes/rebase-routing-change';
import { deepEqual } from './deep-equal';
import { rebaseDestinationChange } from './rebase-destination-change';
import { routeAt, sameDestination } from './routes';
import type { MeshObject } from './types';
import { effectiveWeights } from './weights';

/**
 * After a 409 Conflict: the change was made against `base`, the object is now `current`.
 * Returns the change to apply to `current` when it still applies cleanly, else undefined
 * (the person then sees both versions and chooses).
 */
export function rebaseChange(
  change: MeshChange,
  base: MeshObject,
  current: MeshObject,
): MeshChange | undefined {
  switch (change.kind) {
    case 'SetWeights':
      return rebaseSetWeights(change, base, current) ? change : undefined;
    case 'AddDestination':
    case 'RemoveDestination':
      return rebaseDestinationChange(change, base, current);
    default:
      return rebaseRoutingChange(change, base, current);
  }
}

// Clean means: the same route (same name and matches) at the same place, with the same
// destinations in the same order, and nobody else changed its weights in between. Weights
// changed by someone else (another person, Argo Rollouts stepping a canary) are a real
// conflict: re-applying would silently overwrite their newer values.
function rebaseSetWeights(change: SetWeights, base: MeshObject, current: MeshObject): boolean {
  if (base.kind !== 'VirtualService' || current.kind !== 'VirtualService') return false;
  if (base.metadata.name !== current.metadata.name) return false;
  const before = routeAt(base, change.routeKind, change.routeIndex);
  const now = routeAt(current, change.routeKind, change.routeIndex);
  if (!before || !now) return false;

  const nameOf = (route: object) => ('name' in route ? route.name : undefined);
  if (nameOf(before) !== nameOf(now) || !deepEqual(before.match, now.match)) return false;

  const was = before.route ?? [];
  const is = now.route ?? [];
  if (was.length !== is.length || was.length !== change.weights.length) return false;
  const sameDestinations = was.every((d, i) => {
    const other = is[i];
    return other !== undefined && sameDestination(d.destination, other.destination);
  });
  if (!sameDestinations) return false;

  const weightsNow = effectiveWeights(is.map((d) => d.weight));
  const untouched = deepEqual(effectiveWeights(was.map((d) => d.weight)), weightsNow);
  return untouched || deepEqual(weightsNow, change.weights);
}
