import { type MeshChange, routeOf } from '../mesh/changes';
import { objectKey } from '../mesh/object-key';
import { routeAddressKey } from '../mesh/route-address';

/** `Kind/namespace/name/routeKind/routeIndex` (routeAddressKey): one route of one object. */
export type RouteKey = string;

/** The route a change writes to. */
export function routeKeyOfChange(change: MeshChange): RouteKey {
  const route = routeOf(change);
  // A whole-spec edit has no one route: its status is kept under the object.
  return route ? routeAddressKey(route) : `${objectKey(change.target)}/spec`;
}
