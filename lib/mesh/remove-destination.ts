import { destinationRoute, type RemoveDestination, withRoute } from './destination-changes';
import { InvalidError } from './errors';
import type { MeshObject, VirtualService } from './types';
import { apportion, effectiveWeights } from './weights';

/**
 * Removes one destination of a route. Its share goes to the others in proportion to what
 * they carry now (equally when they all carry 0), in whole percentages adding up to 100.
 * Refuses to remove the last destination: a route must send its traffic somewhere.
 */
export function removeDestination(object: MeshObject, change: RemoveDestination): VirtualService {
  const { vs, route, where } = destinationRoute(object, change);
  const destinations = route.route ?? [];
  const index = change.destinationIndex;
  if (!Number.isInteger(index) || index < 0 || index >= destinations.length) {
    throw new InvalidError(
      `${where} has no destination ${JSON.stringify(index)} (it has ${destinations.length})`,
    );
  }
  if (destinations.length === 1) {
    throw new InvalidError(
      `${where} has only this destination: a route must send its traffic somewhere. Add another destination first, or remove the route.`,
    );
  }
  const weights = effectiveWeights(destinations.map((d) => d.weight));
  const kept = destinations.filter((_, i) => i !== index);
  const shares = apportion(
    weights.filter((_, i) => i !== index),
    100,
  );
  const weighted = kept.map((d, i) => (d.weight === shares[i] ? d : { ...d, weight: shares[i] }));
  return withRoute(vs, change.routeKind, change.routeIndex, { ...route, route: weighted });
}
