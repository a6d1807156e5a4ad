import type { Edit } from '../mesh/changes/edits';
import { createListeners } from './external-store';
import {
  EMPTY_UNDO_STACK,
  forget,
  putBack,
  recordEdit,
  settle,
  takeRedo,
  takeUndo,
  type UndoStack,
} from './undo-stack';
import type { WriteOutcome } from './write-outcome';

/**
 * How long Undo waits for the edit it targets to be saved. A write normally answers within the
 * API server's own 10 s deadline (then a 504, outcome unknown); one hung beyond that would
 * otherwise hold Undo and Redo for the whole page, since nothing else steps while one waits.
 */
export const LANDING_DEADLINE_MS = 15_000;

/** What the person is told when Undo did nothing because its change's own write had not landed (two lines at most). */
export const NOT_UNDONE_STILL_SAVING =
  'Not undone: your last change is still saving. Undo again once it is saved.';
export const NOT_UNDONE_REFUSED = 'Not undone: your last change was not saved, so there was nothing to undo.';
export const NOT_UNDONE_UNKNOWN =
  'Not undone: whether your last change was saved is unknown. Weir is reading it again: undo once it shows.';

/** Writes an edit's undo or redo; whether it was written. */
export type RunEdit = (edit: Edit, direction: 'undo' | 'redo') => Promise<boolean>;

/** The undo stack of this page, as a store a hook can subscribe to, and the steps on it. */
export interface UndoRunner {
  get(): UndoStack;
  subscribe(listener: () => void): () => void;
  /**
   * Records an edit when it is sent. `landed` (its own writes; absent: already written) says
   * how they ended: only when refused (none of it happened) is it forgotten (undo-stack:
   * forget); one whose outcome is unknown may have happened, and stays.
   */
  record(edit: Edit, landed?: Promise<WriteOutcome>): void;
  /**
   * Takes the newest edit (undo) or the last one undone (redo), writes it with `run` and
   * settles the stack with the answer. Does nothing while another is being written. An edit
   * whose own write is still in flight is undone once it lands, planned against the route as
   * written; one whose write is refused is not undone (it never happened) and is dropped; one
   * whose outcome is unknown, or not known within LANDING_DEADLINE_MS, is put back. Answers
   * why nothing was written in those cases (for the person), else undefined.
   */
  step(direction: 'undo' | 'redo', run: RunEdit): Promise<string | undefined>;
  /**
   * An edit on its way whose undo record only its answer can make (an inspector's Apply: the
   * object written, a created ReferenceGrant's name), recorded when `applying` settles: a step
   * meanwhile waits for it (at most LANDING_DEADLINE_MS), so Undo pressed during an Apply
   * undoes that Apply, not the edit before it.
   */
  waitFor(applying: Promise<unknown>): void;
}

export function createUndoRunner(): UndoRunner {
  let stack: UndoStack = EMPTY_UNDO_STACK;
  // Edits recorded while their own write is still in flight, and whether it will land.
  const inFlight = new Map<Edit, Promise<WriteOutcome>>();
  // Applies whose edits are recorded when they are answered (waitFor).
  const applying = new Set<Promise<unknown>>();
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
      void landed.then((outcome) => {
        inFlight.delete(edit);
        if (outcome === 'refused') set(forget(stack, edit));
      });
    },
    waitFor(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      applying.add(settled);
      void settled.then(() => applying.delete(settled));
    },
    async step(direction, run) {
      if (applying.size > 0) {
        const waited = await withDeadline(Promise.all(applying).then(() => 'landed' as const));
        if (waited === 'waiting') return NOT_UNDONE_STILL_SAVING;
      }
      const taken = (direction === 'undo' ? takeUndo : takeRedo)(stack);
      if (!taken) return undefined;
      set(taken.stack);
      // Planned only once the edit is written: against the route as it was before it, the
      // undo would be refused, or undo the edit before.
      const landing = inFlight.get(taken.edit);
      const outcome = landing ? await withDeadline(landing) : 'landed';
      // Settled on the stack as it is by then: edits recorded meanwhile are kept.
      if (outcome === 'refused') {
        set(forget(putBack(stack), taken.edit));
        return NOT_UNDONE_REFUSED;
      }
      if (outcome !== 'landed') {
        // Nothing was written: the edit stays offered (it may yet land, or have landed).
        set(putBack(stack));
        return outcome === 'unknown' ? NOT_UNDONE_UNKNOWN : NOT_UNDONE_STILL_SAVING;
      }
      const written = await run(taken.edit, direction);
      set(settle(stack, written));
      return undefined;
    },
  };
}

/** The write's outcome, or `waiting` when it is not known within LANDING_DEADLINE_MS. */
function withDeadline(landing: Promise<WriteOutcome>): Promise<WriteOutcome | 'waiting'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'waiting'>((resolve) => {
    timer = setTimeout(() => resolve('waiting'), LANDING_DEADLINE_MS);
  });
  return Promise.race([landing, deadline]).finally(() => clearTimeout(timer));
}
