import type { RoutingChange } from './changes/routing-changes';
import type { DestinationChange } from './destination-changes';
import type { ObjectRef, RouteKind } from './types';

export type {
  AddRoute,
  MoveRoute,
  RemoveRoute,
  RoutingChange,
  SetRoute,
  SetSpec,
} from './changes/routing-changes';
export type { AddDestination, DestinationChange, RemoveDestination } from './destination-changes';

/**
 * A gesture on the screen, as data. The browser applies it for the optimistic view, the
 * server applies it to the object it holds before writing, tests apply it with no setup.
 */
export type MeshChange = SetWeights | RoutingChange | DestinationChange;

/** Sets the weights of every destination of one route, in destination order. */
export interface SetWeights {
  kind: 'SetWeights';
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  weights: number[];
}
