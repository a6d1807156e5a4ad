import type { LifecycleChange } from '../mesh/changes/lifecycle-changes';
import type { RoutingChange } from '../mesh/changes/routing-changes';
import type { Destination, MeshObject, ObjectRef, RouteKind } from '../mesh/types';

interface RouteEdit {
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
}

/** One weight change a person made on screen: a gesture, however many writes it took. */
export interface WeightEdit extends RouteEdit {
  kind: 'SetWeights';
  /** `host|subset|port` per destination: an undo checks the route still has these. */
  destinations: string[];
  before: number[];
  after: number[];
}

/**
 * A destination added to or removed from a route. `destinations` and `weights` are the
 * route as it was before the change (identities and effective weights, in route order).
 */
export interface DestinationEdit extends RouteEdit {
  kind: 'AddDestination' | 'RemoveDestination';
  destination: Destination;
  destinations: string[];
  weights: number[];
}

/**
 * A reviewed edit applied from the inspector (a form, the YAML tab, a create or a delete),
 * with the object as it was before and as the edit left it: undo and redo write one back
 * only while the object is still exactly what the edit (or its undo) left.
 */
export interface ObjectEdit {
  kind: 'ObjectEdit';
  target: ObjectRef;
  change: RoutingChange | LifecycleChange;
  /** Absent for a create. */
  before?: MeshObject;
  /** Absent for a delete. */
  after?: MeshObject;
}

/** A change this person made in this session, as undo and redo need it. */
export type Edit = WeightEdit | DestinationEdit | ObjectEdit;

export interface History {
  past: Edit[];
  future: Edit[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

const LIMIT = 100;

/** The history with a new edit; a new edit ends whatever could have been redone. */
export function recordEdit(history: History, edit: Edit): History {
  if (edit.kind === 'SetWeights' && edit.before.join() === edit.after.join()) return history;
  return { past: [...history.past, edit].slice(-LIMIT), future: [] };
}

/** The edit to revert and the history after it, or undefined when there is none. */
export function takeUndo(history: History): { edit: Edit; history: History } | undefined {
  const edit = history.past.at(-1);
  if (!edit) return undefined;
  return { edit, history: { past: history.past.slice(0, -1), future: [...history.future, edit] } };
}

/** The edit to make again and the history after it, or undefined when there is none. */
export function takeRedo(history: History): { edit: Edit; history: History } | undefined {
  const edit = history.future.at(-1);
  if (!edit) return undefined;
  return { edit, history: { past: [...history.past, edit], future: history.future.slice(0, -1) } };
}
