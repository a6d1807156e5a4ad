import { type MeshChange, routeOf } from '../mesh/changes';
import { routeAddressKey } from '../mesh/route-address';
import type { RouteKind } from '../mesh/types';

/** `namespace/name/routeKind/routeIndex`: one route of one VirtualService. */
export type RouteKey = string;

export function routeKey(virtualService: string, routeKind: RouteKind, routeIndex: number): RouteKey {
  return `${virtualService}/${routeKind}/${routeIndex}`;
}

/** The route a change writes to. */
export function routeKeyOfChange(change: MeshChange): RouteKey {
  const route = routeOf(change);
  // A whole-spec edit has no one route: its status is kept under the object.
  return route ? routeAddressKey(route) : `${change.target.namespace}/${change.target.name}/spec`;
}
