import { InvalidError } from './errors';
import { type AnyRoute, ROUTE_KINDS, routeAt, routeLabel, routesOf } from './routes';
import type { Destination, MeshObject, ObjectRef, RouteKind, VirtualService } from './types';

/**
 * Adds a destination to the end of one route at weight 0 (the person then slides it up).
 * The others keep the weights Istio applies now, written out, so the route adds up to 100.
 */
export interface AddDestination {
  kind: 'AddDestination';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  destination: Destination;
}

/** Removes one destination of a route; its share goes to the others in proportion. */
export interface RemoveDestination {
  kind: 'RemoveDestination';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  destinationIndex: number;
}

export type DestinationChange = AddDestination | RemoveDestination;

export const DESTINATION_CHANGE_KINDS = ['AddDestination', 'RemoveDestination'] as const;

export function isDestinationChange(change: { kind: string }): change is DestinationChange {
  return (DESTINATION_CHANGE_KINDS as readonly string[]).includes(change.kind);
}

/** The VirtualService and route a destination change acts on; InvalidError when either is not there. */
export function destinationRoute(
  object: MeshObject,
  change: DestinationChange,
): { vs: VirtualService; route: AnyRoute; where: string } {
  const { target, routeKind, routeIndex } = change;
  if (object.kind !== 'VirtualService' || target?.kind !== 'VirtualService') {
    throw new InvalidError(
      `${change.kind} applies to a VirtualService, not a ${object.kind === 'VirtualService' ? target?.kind : object.kind}`,
    );
  }
  const namespace = object.metadata.namespace;
  // Objects read from files may carry no namespace; the name must match all the same.
  if (target.name !== object.metadata.name || (namespace !== undefined && target.namespace !== namespace)) {
    throw new InvalidError(
      `${change.kind} targets ${target.namespace}/${target.name}, not ${namespace ?? ''}/${object.metadata.name}`,
    );
  }
  if (!ROUTE_KINDS.includes(routeKind)) {
    throw new InvalidError(`routeKind must be http, tcp or tls, got ${JSON.stringify(routeKind)}`);
  }
  const route = routeAt(object, routeKind, routeIndex);
  if (!route) {
    const count = routesOf(object, routeKind).length;
    throw new InvalidError(
      `${object.metadata.name} has no ${routeLabel(routeKind, routeIndex)} (it has ${count} ${routeKind} routes)`,
    );
  }
  return { vs: object, route, where: `${object.metadata.name} ${routeLabel(routeKind, routeIndex)}` };
}

/** The VirtualService with one route replaced; every other route and field is shared as it is. */
export function withRoute(vs: VirtualService, routeKind: RouteKind, routeIndex: number, route: AnyRoute) {
  const routes = routesOf(vs, routeKind).map((r, i) => (i === routeIndex ? route : r));
  return { ...vs, spec: { ...vs.spec, [routeKind]: routes } } as VirtualService;
}
