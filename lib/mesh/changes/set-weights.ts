import { z } from 'zod';
import { deepEqual } from '../deep-equal';
import { InvalidError } from '../errors';
import type { RouteAddress } from '../route-address';
import { routeLabel } from '../routes';
import type { Destination, MeshObject, ObjectRef, RouteKind, VirtualService } from '../types';
import { effectiveWeights } from '../weights';
import type { EditKind } from './change-kind';
import { checkPercentages } from './check-percentages';
import { routePhrase } from './phrases';
import { sameRouteIn } from './same-route';
import { checkTarget, routeBefore, routeToEdit, withRoute } from './target';
import { index, objectRef, routeKind } from './wire-fields';

/** Sets the weights of every destination of one route, in destination order. */
export interface SetWeights {
  kind: 'SetWeights';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  weights: number[];
}

export const setWeights: EditKind<SetWeights> = {
  kind: 'SetWeights',
  schema: z.object({
    kind: z.literal('SetWeights'),
    target: objectRef,
    routeKind,
    routeIndex: index,
    weights: z.array(z.number()).min(1),
  }),
  apply,
  // Clean means: the same route at the same place with the same destinations, and nobody
  // else changed its weights in between. Weights changed by someone else (another person,
  // Argo Rollouts stepping a canary) are a real conflict: re-applying would silently
  // overwrite their newer values.
  rebase(change, base, current) {
    const same = sameRouteIn(base, current, change.routeKind, change.routeIndex);
    if (!same) return undefined;
    const was = same.before.route ?? [];
    if (was.length !== change.weights.length) return undefined;
    const weightsNow = effectiveWeights((same.now.route ?? []).map((d) => d.weight));
    const untouched = deepEqual(effectiveWeights(was.map((d) => d.weight)), weightsNow);
    return untouched || deepEqual(weightsNow, change.weights) ? change : undefined;
  },
  describe,
  invert(change, before) {
    const route = routeBefore(before, change.routeKind, change.routeIndex);
    return [{ ...change, weights: effectiveWeights((route.route ?? []).map((d) => d.weight)) }];
  },
  routeOf: ({ target, routeKind, routeIndex }): RouteAddress => ({ ref: target, routeKind, routeIndex }),
};

function apply(object: MeshObject, change: SetWeights): VirtualService {
  const vs = checkTarget(object, change, ['VirtualService']);
  const { routeKind, routeIndex, weights } = change;
  const where = `${vs.metadata.name} ${routeLabel(routeKind, routeIndex)}`;
  const route = routeToEdit(vs, routeKind, routeIndex);
  const destinations = route.route ?? [];
  if (destinations.length === 0) {
    throw new InvalidError(
      `${where} has no destinations to weigh${'delegate' in route && route.delegate ? ' (it delegates)' : ''}`,
    );
  }
  checkPercentages(where, destinations.length, 'destinations', weights);

  // A weight of 0 is written as 0, not removed: it keeps a canary destination visible and
  // its intent ("none for now") explicit.
  const weighted = { ...route, route: destinations.map((d, i) => ({ ...d, weight: weights[i] })) };
  return withRoute(vs, routeKind, routeIndex, weighted);
}

/** `reviews http[0]: v1 90% → 75%, v2 10% → 25%`. */
function describe(change: SetWeights, object: MeshObject): string {
  const { where, destinations } = routePhrase(change, object);
  if (!Array.isArray(change.weights)) return `${where}: weights set`;
  if (destinations.length !== change.weights.length) {
    return `${where}: weights set to ${change.weights.map((w) => `${w}%`).join(', ')}`;
  }

  // Weights as Istio applies them now, so "90% → 75%" is true even where 90 was implicit.
  const before = effectiveWeights(destinations.map((d) => d.weight));
  const labels = destinationLabels(destinations.map((d) => d.destination));
  const moves = change.weights
    .map((after, i) => (before[i] === after ? undefined : `${labels[i]} ${before[i]}% → ${after}%`))
    .filter((move) => move !== undefined);
  return moves.length > 0 ? `${where}: ${moves.join(', ')}` : `${where}: weights unchanged`;
}

// The shortest name that tells destinations apart: the subset, else the host; then the port.
function destinationLabels(destinations: Destination[]): string[] {
  const candidates = [
    (d: Destination) => d.subset ?? d.host,
    (d: Destination) => `${d.subset ?? d.host}${d.port?.number ? `:${d.port.number}` : ''}`,
    (d: Destination) =>
      `${d.host}${d.subset ? `/${d.subset}` : ''}${d.port?.number ? `:${d.port.number}` : ''}`,
  ];
  for (const label of candidates) {
    const labels = destinations.map(label);
    if (new Set(labels).size === labels.length) return labels;
  }
  return destinations.map((d, i) => `${d.host}#${i}`);
}
