import { type MeshChange, routeOf } from '../mesh/changes';
import { routeAddressKey } from '../mesh/route-address';

/** `namespace/name/routeKind/routeIndex`: one route of one VirtualService. */
export type RouteKey = string;

/** The route a change writes to. */
export function routeKeyOfChange(change: MeshChange): RouteKey {
  const route = routeOf(change);
  // A whole-spec edit has no one route: its status is kept under the object.
  return route ? routeAddressKey(route) : `${change.target.namespace}/${change.target.name}/spec`;
}
