import { InvalidError } from '../errors';
import { introducedFieldErrors } from '../field-errors';
import { parseObject } from '../parse';
import { type AnyRoute, ROUTE_KINDS, routeLabel, routesOf } from '../routes';
import type { MeshObject, RouteKind, VirtualService } from '../types';
import type { AddRoute, MoveRoute, RemoveRoute, RoutingChange, SetRoute, SetSpec } from './routing-changes';

const SPEC_KINDS = ['VirtualService', 'DestinationRule', 'Gateway'] as const;

/**
 * Applies a route or spec change. Pure: the input is never mutated and what the change does
 * not touch is carried over as it is. Throws InvalidError when the change does not fit, or
 * when it brings a field that does not check out (a bad duration, regex, port…).
 */
export function applyRoutingChange(object: MeshObject, change: RoutingChange): MeshObject {
  checkTarget(object, change);
  const next = applyUnchecked(object, change);
  const errors = introducedFieldErrors(object.spec, next.spec);
  if (errors.length > 0) {
    const fields = errors.map((e) => ({ path: `spec.${e.path}`, message: e.message }));
    throw new InvalidError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), undefined, fields);
  }
  return checkShape(next);
}

function applyUnchecked(object: MeshObject, change: RoutingChange): MeshObject {
  switch (change.kind) {
    case 'SetSpec':
      return setSpec(object, change);
    case 'SetRoute':
      return withRoutes(asVs(object, change), change.routeKind, (routes) => setRoute(routes, change));
    case 'AddRoute':
      return withRoutes(asVs(object, change), change.routeKind, (routes) => addRoute(routes, change));
    case 'RemoveRoute':
      return withRoutes(asVs(object, change), change.routeKind, (routes) => removeRoute(routes, change));
    case 'MoveRoute':
      return withRoutes(asVs(object, change), change.routeKind, (routes) => moveRoute(routes, change));
  }
}

function setSpec(object: MeshObject, change: SetSpec): MeshObject {
  if (!(SPEC_KINDS as readonly string[]).includes(object.kind)) {
    throw new InvalidError(`SetSpec applies to a ${SPEC_KINDS.join(', ')}, not a ${object.kind}`);
  }
  if (!isRecord(change.spec)) throw new InvalidError('spec must be a mapping of fields');
  return { ...object, spec: change.spec } as MeshObject;
}

function setRoute(routes: readonly AnyRoute[], change: SetRoute): AnyRoute[] {
  checkIndex(routes, change.routeKind, change.routeIndex);
  checkRoute(change.route);
  return routes.map((route, i) => (i === change.routeIndex ? change.route : route));
}

function addRoute(routes: readonly AnyRoute[], change: AddRoute): AnyRoute[] {
  const { index } = change;
  if (!Number.isInteger(index) || index < 0 || index > routes.length) {
    throw new InvalidError(`a new ${change.routeKind} route goes at 0 to ${routes.length}, not ${index}`);
  }
  checkRoute(change.route);
  return [...routes.slice(0, index), change.route, ...routes.slice(index)];
}

function removeRoute(routes: readonly AnyRoute[], change: RemoveRoute): AnyRoute[] {
  checkIndex(routes, change.routeKind, change.routeIndex);
  return routes.filter((_, i) => i !== change.routeIndex);
}

function moveRoute(routes: readonly AnyRoute[], change: MoveRoute): AnyRoute[] {
  checkIndex(routes, change.routeKind, change.from);
  checkIndex(routes, change.routeKind, change.to);
  const moved = routes[change.from] as AnyRoute;
  const rest = routes.filter((_, i) => i !== change.from);
  return [...rest.slice(0, change.to), moved, ...rest.slice(change.to)];
}

function withRoutes(
  vs: VirtualService,
  routeKind: RouteKind,
  edit: (routes: readonly AnyRoute[]) => AnyRoute[],
): VirtualService {
  if (!ROUTE_KINDS.includes(routeKind)) {
    throw new InvalidError(`routeKind must be http, tcp or tls, got ${JSON.stringify(routeKind)}`);
  }
  const routes = edit(routesOf(vs, routeKind));
  const { [routeKind]: _old, ...others } = vs.spec;
  // An emptied list is left out rather than written as `http: []`.
  return { ...vs, spec: routes.length > 0 ? { ...vs.spec, [routeKind]: routes } : others };
}

function checkIndex(routes: readonly AnyRoute[], routeKind: RouteKind, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= routes.length) {
    throw new InvalidError(
      `there is no ${routeLabel(routeKind, index)} (there are ${routes.length} ${routeKind} routes)`,
    );
  }
}

function checkRoute(route: unknown): void {
  if (!isRecord(route)) throw new InvalidError('a route must be a mapping of fields');
}

function asVs(object: MeshObject, change: RoutingChange): VirtualService {
  if (object.kind !== 'VirtualService') {
    throw new InvalidError(`${change.kind} applies to a VirtualService, not a ${object.kind}`);
  }
  return object;
}

function checkTarget(object: MeshObject, change: RoutingChange): void {
  const { target } = change;
  const namespace = object.metadata.namespace;
  if (
    target?.kind !== object.kind ||
    target.name !== object.metadata.name ||
    (namespace !== undefined && target.namespace !== namespace)
  ) {
    throw new InvalidError(
      `${change.kind} targets ${target?.kind} ${target?.namespace}/${target?.name}, not ${object.kind} ${namespace ?? ''}/${object.metadata.name}`,
    );
  }
}

// The result must still read as the kind it is (types of the fields Weir understands); the
// message names the field, as the parser reports it.
function checkShape(next: MeshObject): MeshObject {
  const { source: _source, ...raw } = next;
  const parsed = parseObject(raw);
  if (parsed?.kind === 'Invalid') throw new InvalidError(parsed.reason);
  return next;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
