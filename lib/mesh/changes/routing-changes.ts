import type { AnyRoute } from '../routes';
import type { ObjectRef, RouteKind } from '../types';

/** Replaces one route whole: the form builds it from the current route, so unknown fields stay. */
export interface SetRoute {
  kind: 'SetRoute';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  route: AnyRoute;
}

/** Inserts a route at `index` (0 = first, tried before every other route; length = last). */
export interface AddRoute {
  kind: 'AddRoute';
  target: ObjectRef;
  routeKind: RouteKind;
  index: number;
  route: AnyRoute;
}

export interface RemoveRoute {
  kind: 'RemoveRoute';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
}

/** Moves the route at `from` so that it ends up at `to` (routes are tried in order). */
export interface MoveRoute {
  kind: 'MoveRoute';
  target: ObjectRef;
  routeKind: RouteKind;
  from: number;
  to: number;
}

/**
 * Replaces the whole spec of a VirtualService, DestinationRule or Gateway: what the YAML tab
 * and the object forms send. Forms build it from the current spec, so fields they do not
 * show are carried over.
 */
export interface SetSpec {
  kind: 'SetSpec';
  target: ObjectRef;
  spec: Record<string, unknown>;
}

export type RouteListChange = SetRoute | AddRoute | RemoveRoute | MoveRoute;
export type RoutingChange = RouteListChange | SetSpec;

export const ROUTING_CHANGE_KINDS = ['SetRoute', 'AddRoute', 'RemoveRoute', 'MoveRoute', 'SetSpec'] as const;

export function isRoutingChange(change: { kind: string }): change is RoutingChange {
  return (ROUTING_CHANGE_KINDS as readonly string[]).includes(change.kind);
}
