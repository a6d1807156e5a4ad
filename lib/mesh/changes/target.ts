import { InvalidError } from '../errors';
import { type AnyRoute, ROUTE_KINDS, routeAt, routeLabel, routesOf } from '../routes';
import type { Kind, MeshObject, RouteKind, VirtualService } from '../types';
import type { ChangeRecord } from './change-kind';

/**
 * The object a change acts on, checked against the change's target: one of the kinds the
 * change applies to, and the very object it names. Objects read from files may carry no
 * namespace; the name must match all the same.
 */
export function checkTarget<K extends Kind>(
  object: MeshObject,
  change: ChangeRecord,
  kinds: readonly K[],
): Extract<MeshObject, { kind: K }> {
  const { target } = change;
  const fits = (kind: string | undefined) => (kinds as readonly string[]).includes(kind ?? '');
  if (!fits(object.kind) || !fits(target?.kind)) {
    const other = fits(object.kind) ? target?.kind : object.kind;
    throw new InvalidError(`${change.kind} applies to a ${kinds.join(', ')}, not a ${other}`);
  }
  const namespace = object.metadata.namespace;
  if (
    target.kind !== object.kind ||
    target.name !== object.metadata.name ||
    (namespace !== undefined && target.namespace !== namespace)
  ) {
    const kindOf = (kind: string) => (target.kind === object.kind ? '' : `${kind} `);
    throw new InvalidError(
      `${change.kind} targets ${kindOf(target.kind)}${target.namespace}/${target.name}, not ${kindOf(object.kind)}${namespace ?? ''}/${object.metadata.name}`,
    );
  }
  return object as Extract<MeshObject, { kind: K }>;
}

/** The routes of one kind of a VirtualService; InvalidError for a kind that is not one. */
export function routeList(vs: VirtualService, routeKind: RouteKind): readonly AnyRoute[] {
  if (!ROUTE_KINDS.includes(routeKind)) {
    throw new InvalidError(`routeKind must be http, tcp or tls, got ${JSON.stringify(routeKind)}`);
  }
  return routesOf(vs, routeKind);
}

/** The route at `routeKind[routeIndex]`; InvalidError, saying how many there are, when there is none. */
export function routeToEdit(vs: VirtualService, routeKind: RouteKind, routeIndex: number): AnyRoute {
  const routes = routeList(vs, routeKind);
  const route = routeAt(vs, routeKind, routeIndex);
  if (!route) {
    throw new InvalidError(
      `${vs.metadata.name} has no ${routeLabel(routeKind, routeIndex)} (it has ${routes.length} ${routeKind} routes)`,
    );
  }
  return route;
}

/** The VirtualService with one route replaced; every other route and field is shared as it is. */
export function withRoute(
  vs: VirtualService,
  routeKind: RouteKind,
  routeIndex: number,
  route: AnyRoute,
): VirtualService {
  const routes = routesOf(vs, routeKind).map((r, i) => (i === routeIndex ? route : r));
  return { ...vs, spec: { ...vs.spec, [routeKind]: routes } };
}

/** The VirtualService with the routes of one kind replaced; an emptied list is left out, not written as `http: []`. */
export function withRoutes(vs: VirtualService, routeKind: RouteKind, routes: AnyRoute[]): VirtualService {
  const { [routeKind]: _old, ...others } = vs.spec;
  return { ...vs, spec: routes.length > 0 ? { ...vs.spec, [routeKind]: routes } : others };
}

/** The route a change was made on, in the object as it was before: what an inverse puts back. */
export function routeBefore(before: MeshObject, routeKind: RouteKind, routeIndex: number): AnyRoute {
  const route = before.kind === 'VirtualService' ? routeAt(before, routeKind, routeIndex) : undefined;
  if (!route) throw new InvalidError(`there was no ${routeLabel(routeKind, routeIndex)} to change`);
  return route;
}

/** A route as a change brings it: a mapping of fields, checked field by field once applied. */
export function checkRouteFields(route: unknown): void {
  if (route === null || typeof route !== 'object' || Array.isArray(route)) {
    throw new InvalidError('a route must be a mapping of fields');
  }
}
