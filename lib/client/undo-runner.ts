import type { Edit } from '../mesh/changes/edits';
import { createListeners } from './external-store';
import { EMPTY_UNDO_STACK, recordEdit, settle, takeRedo, takeUndo, type UndoStack } from './undo-stack';

/** Writes an edit's undo or redo; whether it was written. */
export type RunEdit = (edit: Edit, direction: 'undo' | 'redo') => Promise<boolean>;

/** The undo stack of this page, as a store a hook can subscribe to, and the steps on it. */
export interface UndoRunner {
  get(): UndoStack;
  subscribe(listener: () => void): () => void;
  record(edit: Edit): void;
  /**
   * Takes the newest edit (undo) or the last one undone (redo), writes it with `run` and
   * settles the stack with the answer. Does nothing while another is being written.
   */
  step(direction: 'undo' | 'redo', run: RunEdit): Promise<void>;
}

export function createUndoRunner(): UndoRunner {
  let stack: UndoStack = EMPTY_UNDO_STACK;
  const { subscribe, notify } = createListeners();
  const set = (next: UndoStack) => {
    stack = next;
    notify();
  };
  return {
    get: () => stack,
    subscribe,
    record: (edit) => set(recordEdit(stack, edit)),
    async step(direction, run) {
      const taken = (direction === 'undo' ? takeUndo : takeRedo)(stack);
      if (!taken) return;
      set(taken.stack);
      const written = await run(taken.edit, direction);
      // Settled on the stack as it is by then: edits recorded meanwhile are kept.
      set(settle(stack, written));
    },
  };
}
