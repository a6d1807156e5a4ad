import { addDestination } from './add-destination';
import type { MeshChange, SetWeights } from './changes';
import { applyRoutingChange } from './changes/apply-routing-change';
import { isRoutingChange } from './changes/routing-changes';
import { InvalidError } from './errors';
import { removeDestination } from './remove-destination';
import { ROUTE_KINDS, routeAt, routeLabel, routesOf } from './routes';
import type { MeshObject, VirtualService } from './types';

export { describeChange } from './describe-change';
export { rebaseChange } from './rebase-change';

/**
 * Applies a change to an object and returns the new object. Pure: the input is never
 * mutated, and everything the change does not touch is carried over as it is (shared, not
 * copied). Throws InvalidError when the change does not fit the object.
 */
export function applyChange(object: MeshObject, change: MeshChange): MeshObject {
  switch (change.kind) {
    case 'SetWeights':
      return setWeights(object, change);
    case 'AddDestination':
      return addDestination(object, change);
    case 'RemoveDestination':
      return removeDestination(object, change);
    default:
      if (isRoutingChange(change)) return applyRoutingChange(object, change);
      // Changes arrive from the browser as JSON: an unknown kind is bad input, not a bug.
      throw new InvalidError(`unknown change kind ${JSON.stringify((change as { kind?: unknown }).kind)}`);
  }
}

function setWeights(object: MeshObject, change: SetWeights): VirtualService {
  const vs = checkTarget(object, change);
  const { routeKind, routeIndex, weights } = change;
  const where = `${vs.metadata.name} ${routeLabel(routeKind, routeIndex)}`;

  if (!ROUTE_KINDS.includes(routeKind)) {
    throw new InvalidError(`routeKind must be http, tcp or tls, got ${JSON.stringify(routeKind)}`);
  }
  const route = routeAt(vs, routeKind, routeIndex);
  if (!route) {
    const count = routesOf(vs, routeKind).length;
    throw new InvalidError(
      `${vs.metadata.name} has no ${routeLabel(routeKind, routeIndex)} (it has ${count} ${routeKind} routes)`,
    );
  }
  const destinations = route.route ?? [];
  if (destinations.length === 0) {
    throw new InvalidError(
      `${where} has no destinations to weigh${'delegate' in route && route.delegate ? ' (it delegates)' : ''}`,
    );
  }
  if (!Array.isArray(weights) || weights.length !== destinations.length) {
    const got = Array.isArray(weights) ? `${weights.length} weights` : 'no list of weights';
    throw new InvalidError(`${where} has ${destinations.length} destinations, got ${got}`);
  }
  weights.forEach((weight, i) => {
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw new InvalidError(
        `weights[${i}] must be a whole number from 0 to 100, got ${JSON.stringify(weight)}`,
      );
    }
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (total !== 100) throw new InvalidError(`weights of ${where} must add up to 100, got ${total}`);

  // A weight of 0 is written as 0, not removed: it keeps a canary destination visible and
  // its intent ("none for now") explicit.
  const weighted = { ...route, route: destinations.map((d, i) => ({ ...d, weight: weights[i] })) };
  const routes = routesOf(vs, routeKind).map((r, i) => (i === routeIndex ? weighted : r));
  return { ...vs, spec: { ...vs.spec, [routeKind]: routes } };
}

function checkTarget(object: MeshObject, change: SetWeights): VirtualService {
  const { target } = change;
  if (object.kind !== 'VirtualService' || target?.kind !== 'VirtualService') {
    throw new InvalidError(
      `SetWeights applies to a VirtualService, not a ${object.kind === 'VirtualService' ? target?.kind : object.kind}`,
    );
  }
  const namespace = object.metadata.namespace;
  // Objects read from files may carry no namespace; the name must match all the same.
  if (target.name !== object.metadata.name || (namespace !== undefined && target.namespace !== namespace)) {
    throw new InvalidError(
      `SetWeights targets ${target.namespace}/${target.name}, not ${namespace ?? ''}/${object.metadata.name}`,
    );
  }
  return object;
}
