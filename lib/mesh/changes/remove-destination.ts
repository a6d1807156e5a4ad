import { z } from 'zod';
import { InvalidError } from '../errors';
import type { RouteAddress } from '../route-address';
import { routeLabel } from '../routes';
import type { MeshObject, ObjectRef, RouteKind, VirtualService } from '../types';
import { apportion, effectiveWeights } from '../weights';
import type { EditKind } from './change-kind';
import { destinationPhrase, routePhrase } from './phrases';
import { sameRouteIn } from './same-route';
import { checkTarget, routeBefore, routeToEdit, withRoute } from './target';
import { index, objectRef, routeKind } from './wire-fields';

/** Removes one destination of a route; its share goes to the others in proportion. */
export interface RemoveDestination {
  kind: 'RemoveDestination';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  destinationIndex: number;
}

export const removeDestination: EditKind<RemoveDestination> = {
  kind: 'RemoveDestination',
  schema: z.object({
    kind: z.literal('RemoveDestination'),
    target: objectRef,
    routeKind,
    routeIndex: index,
    destinationIndex: index,
  }),
  apply,
  // Only from the same route with the same destinations: the removed share is spread over
  // the others' weights as they are now.
  rebase: (change, base, current) =>
    sameRouteIn(base, current, change.routeKind, change.routeIndex) ? change : undefined,
  describe,
  // The destination comes back at the end, then the route gets its weights back, in that order.
  invert(change, before) {
    const { target, routeKind, routeIndex } = change;
    const destinations = routeBefore(before, routeKind, routeIndex).route ?? [];
    const removed = destinations[change.destinationIndex];
    if (!removed) throw new InvalidError(`there was no destination ${change.destinationIndex} to remove`);
    const weights = effectiveWeights(destinations.map((d) => d.weight));
    const at = (i: number) => weights[i] ?? 0;
    const kept = weights.map((_, i) => i).filter((i) => i !== change.destinationIndex);
    return [
      { kind: 'AddDestination', target, routeKind, routeIndex, destination: removed.destination },
      {
        kind: 'SetWeights',
        target,
        routeKind,
        routeIndex,
        weights: [...kept.map(at), at(change.destinationIndex)],
      },
    ];
  },
  routeOf: ({ target, routeKind, routeIndex }): RouteAddress => ({ ref: target, routeKind, routeIndex }),
};

/**
 * Removes one destination of a route. Its share goes to the others in proportion to what
 * they carry now (equally when they all carry 0), in whole percentages adding up to 100.
 * Refuses to remove the last destination: a route must send its traffic somewhere.
 */
function apply(object: MeshObject, change: RemoveDestination): VirtualService {
  const vs = checkTarget(object, change, ['VirtualService']);
  const route = routeToEdit(vs, change.routeKind, change.routeIndex);
  const where = `${vs.metadata.name} ${routeLabel(change.routeKind, change.routeIndex)}`;
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

/** `catalog http[0] (canary): remove catalog v2 (10%), v1 90% → 100%`. */
function describe(change: RemoveDestination, object: MeshObject): string {
  const { where, destinations } = routePhrase(change, object);
  const removed = destinations[change.destinationIndex];
  if (!removed) return `${where}: remove destination ${change.destinationIndex}`;
  const weights = effectiveWeights(destinations.map((d) => d.weight));
  const others = destinations.filter((_, i) => i !== change.destinationIndex);
  const before = weights.filter((_, i) => i !== change.destinationIndex);
  const after = apportion(before, 100);
  const moves = others
    .map((d, i) =>
      before[i] === after[i]
        ? undefined
        : `${d.destination.subset ?? d.destination.host} ${before[i]}% → ${after[i]}%`,
    )
    .filter((move) => move !== undefined);
  const carried = `${destinationPhrase(removed.destination)} (${weights[change.destinationIndex]}%)`;
  return `${where}: remove ${carried}${moves.length > 0 ? `, ${moves.join(', ')}` : ''}`;
}
