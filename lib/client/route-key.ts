import type { MeshChange } from '../mesh/changes';
import type { RouteKind } from '../mesh/types';

/** `namespace/name/routeKind/routeIndex`: one route of one VirtualService. */
export type RouteKey = string;

export function routeKey(virtualService: string, routeKind: RouteKind, routeIndex: number): RouteKey {
  return `${virtualService}/${routeKind}/${routeIndex}`;
}

/** The route a change writes to. */
export function routeKeyOfChange(change: MeshChange): RouteKey {
  return routeKey(`${change.target.namespace}/${change.target.name}`, change.routeKind, change.routeIndex);
}
