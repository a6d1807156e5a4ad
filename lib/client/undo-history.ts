import type { ObjectRef, RouteKind } from '../mesh/types';

/** One weight change a person made on screen: a gesture, however many writes it took. */
export interface WeightEdit {
  target: ObjectRef;
  routeKind: RouteKind;
  routeIndex: number;
  /** `host|subset|port` per destination: an undo checks the route still has these. */
  destinations: string[];
  before: number[];
  after: number[];
}

export interface History {
  past: WeightEdit[];
  future: WeightEdit[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

const LIMIT = 100;

/** The history with a new edit; a new edit ends whatever could have been redone. */
export function recordEdit(history: History, edit: WeightEdit): History {
  if (edit.before.join() === edit.after.join()) return history;
  return { past: [...history.past, edit].slice(-LIMIT), future: [] };
}

/** The edit to revert and the history after it, or undefined when there is none. */
export function takeUndo(history: History): { edit: WeightEdit; history: History } | undefined {
  const edit = history.past.at(-1);
  if (!edit) return undefined;
  return { edit, history: { past: history.past.slice(0, -1), future: [...history.future, edit] } };
}

/** The edit to make again and the history after it, or undefined when there is none. */
export function takeRedo(history: History): { edit: WeightEdit; history: History } | undefined {
  const edit = history.future.at(-1);
  if (!edit) return undefined;
  return { edit, history: { past: [...history.past, edit], future: history.future.slice(0, -1) } };
}
