import type { BackendRef } from '../gateway-api-types';
import type { Destination, MeshObject, ObjectRef, RouteKind } from '../types';
import type { ChangeSet } from './change-set';
import type { AnyChange } from './kinds';

// What undo and redo need to know of a change a person made in this session: pure data, so
// that the plans that undo and redo them (route-edit-plan, object-edit-plan) are pure too.

export interface RouteEdit {
  target: ObjectRef;
  /** `rules` for a Gateway API route's rule. */
  routeKind: RouteKind | 'rules';
  routeIndex: number;
}

/** One weight change a person made on screen: a gesture, however many writes it took. */
export interface WeightEdit extends RouteEdit {
  kind: 'SetWeights';
  /** `host|subset|port` per destination: an undo checks the route still has these. */
  destinations: string[];
  before: number[];
  after: number[];
  /**
   * A Gateway API rule's weights as written before the edit (`null`: no weight field), in
   * `destinations` order: its undo writes them back, not only their shares.
   */
  beforeWritten?: (number | null)[];
}

/**
 * A destination added to or removed from a route. `destinations` and `weights` are the
 * route as it was before the change (identities and effective weights, in route order).
 * `kind` is the gesture: on a Gateway API rule (`routeKind: "rules"`) its undo and redo
 * write AddBackend and RemoveBackend.
 */
export interface DestinationEdit extends RouteEdit {
  kind: 'AddDestination' | 'RemoveDestination';
  destination: Destination;
  destinations: string[];
  weights: number[];
  /**
   * A Gateway API rule's: the backendRef added or removed (its weight left out), which a redo
   * of the addition or an undo of the removal writes again.
   */
  backendRef?: Omit<BackendRef, 'weight'>;
  /** A Gateway API rule's weights as written before (`null`: no weight field), in `destinations` order. */
  written?: (number | null)[];
}

/**
 * A reviewed edit applied from the inspector (a form, the YAML tab, a create or a delete),
 * with the object as it was before and as the edit left it: undo and redo write one back
 * only while the object is still exactly what the edit (or its undo) left.
 */
export interface ObjectEdit {
  kind: 'ObjectEdit';
  target: ObjectRef;
  change: AnyChange;
  /** Absent for a create. */
  before?: MeshObject;
  /** Absent for a delete. */
  after?: MeshObject;
}

/**
 * A change set applied from the inspector (a template's objects), with each object as the set
 * wrote it (a create) or as it was (a delete), in the set's order: undone and redone as one.
 */
export interface SetEdit {
  kind: 'SetEdit';
  target: ObjectRef;
  change: ChangeSet;
  written: MeshObject[];
}

/** A change this person made in this session, as undo and redo need it. */
export type Edit = WeightEdit | DestinationEdit | ObjectEdit | SetEdit;
