import type { MeshChange } from '../mesh/changes';
import type { RouteKind } from '../mesh/types';

/** `namespace/name/routeKind/routeIndex`: one route of one VirtualService. */
export type RouteKey = string;

export function routeKey(virtualService: string, routeKind: RouteKind, routeIndex: number): RouteKey {
  return `${virtualService}/${routeKind}/${routeIndex}`;
}

/** The route a change writes to. */
export function routeKeyOfChange(change: MeshChange): RouteKey {
  const object = `${change.target.namespace}/${change.target.name}`;
  switch (change.kind) {
    case 'SetWeights':
    case 'AddDestination':
    case 'RemoveDestination':
    case 'SetRoute':
    case 'RemoveRoute':
      return routeKey(object, change.routeKind, change.routeIndex);
    case 'AddRoute':
      return routeKey(object, change.routeKind, change.index);
    case 'MoveRoute':
      return routeKey(object, change.routeKind, change.from);
    // A whole-spec edit has no one route: its status is kept under the object.
    case 'SetSpec':
      return `${object}/spec`;
  }
}
