import type { Edit } from '../mesh/changes/edits';
import { createListeners } from './external-store';
import {
  EMPTY_UNDO_STACK,
  forget,
  recordEdit,
  settle,
  takeRedo,
  takeUndo,
  type UndoStack,
} from './undo-stack';

/** Writes an edit's undo or redo; whether it was written. */
export type RunEdit = (edit: Edit, direction: 'undo' | 'redo') => Promise<boolean>;

/** The undo stack of this page, as a store a hook can subscribe to, and the steps on it. */
export interface UndoRunner {
  get(): UndoStack;
  subscribe(listener: () => void): () => void;
  /**
   * Records an edit when it is sent. `landed` (its own write; absent: already written) says
   * whether it was written: when not, it is forgotten (undo-stack: forget).
   */
  record(edit: Edit, landed?: Promise<boolean>): void;
  /**
   * Takes the newest edit (undo) or the last one undone (redo), writes it with `run` and
   * settles the stack with the answer. Does nothing while another is being written. An edit
   * whose own write is still in flight is undone once it lands, planned against the route as
   * written; one whose write fails is not undone (it never happened) and is dropped.
   */
  step(direction: 'undo' | 'redo', run: RunEdit): Promise<void>;
}

export function createUndoRunner(): UndoRunner {
  let stack: UndoStack = EMPTY_UNDO_STACK;
  // Edits recorded while their own write is still in flight, and whether it will land.
  const inFlight = new Map<Edit, Promise<boolean>>();
  const { subscribe, notify } = createListeners();
  const set = (next: UndoStack) => {
    if (next === stack) return;
    stack = next;
    notify();
  };
  return {
    get: () => stack,
    subscribe,
    record(edit, landed) {
      set(recordEdit(stack, edit));
      if (!landed) return;
      inFlight.set(edit, landed);
      void landed.then((written) => {
        inFlight.delete(edit);
        if (!written) set(forget(stack, edit));
      });
    },
    async step(direction, run) {
      const taken = (direction === 'undo' ? takeUndo : takeRedo)(stack);
      if (!taken) return;
      set(taken.stack);
      // Planned only once the edit is written: against the route as it was before it, the
      // undo would be refused, or undo the edit before.
      const landing = inFlight.get(taken.edit);
      const landed = landing ? await landing : true;
      const written = landed && (await run(taken.edit, direction));
      // Settled on the stack as it is by then: edits recorded meanwhile are kept.
      set(settle(stack, written));
    },
  };
}
