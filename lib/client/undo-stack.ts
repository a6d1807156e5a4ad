import type { Edit } from '../mesh/changes/edits';

/** An undo or redo being written: the edit waits outside both lists until the server answers. */
export interface PendingEdit {
  edit: Edit;
  direction: 'undo' | 'redo';
  /** Edits this person recorded while it was written (they come after it). */
  later: number;
}

/** This person's edits in this session: what Undo and Redo offer. */
export interface UndoStack {
  past: Edit[];
  future: Edit[];
  /**
   * Nothing else is undone or redone while one is written: the next would be planned against
   * a view that does not have the first yet, and be refused.
   */
  pending?: PendingEdit;
  /**
   * What the newest edit's recording ended (the redo list it cleared), kept until anything
   * else is recorded: an edit whose write is refused never happened, and gives it back.
   */
  cleared?: { by: Edit; future: Edit[] };
}

export const EMPTY_UNDO_STACK: UndoStack = { past: [], future: [] };

const LIMIT = 100;

/** The undo stack with a new edit; a new edit ends whatever could have been redone. */
export function recordEdit(stack: UndoStack, edit: Edit): UndoStack {
  if (edit.kind === 'SetWeights' && edit.before.join() === edit.after.join()) return stack;
  const { pending, future } = stack;
  return {
    past: [...stack.past, edit].slice(-LIMIT),
    future: [],
    ...(pending && { pending: { ...pending, later: pending.later + 1 } }),
    ...(future.length > 0 && { cleared: { by: edit, future } }),
  };
}

/**
 * The undo stack without an edit whose own write failed (refused, or its outcome unknown): it
 * is recorded when sent, so Undo targets it at once, and must not stay offered once it is known
 * never to have happened. One taken by an undo under way is the runner's to settle. When it
 * was the last edit recorded, the redo list its recording cleared is offered again.
 */
export function forget(stack: UndoStack, edit: Edit): UndoStack {
  const at = stack.past.indexOf(edit);
  if (at < 0 && !stack.future.includes(edit)) return stack;
  const { pending, cleared } = stack;
  // One recorded while an undo or redo is written is among `later`: they count one fewer.
  const wasLater = pending && at >= 0 && at >= stack.past.length - pending.later;
  const future = stack.future.filter((held) => held !== edit);
  const restore = cleared?.by === edit && future.length === 0;
  return {
    past: stack.past.filter((held) => held !== edit),
    future: restore ? cleared.future : future,
    ...(pending && { pending: wasLater ? { ...pending, later: pending.later - 1 } : pending }),
    ...(cleared && !restore && cleared.by !== edit && { cleared }),
  };
}

/**
 * The pending edit back where it was taken from, as if Undo or Redo had not been pressed:
 * its undo was never written (its own write was still unsettled). After edits from meanwhile
 * it goes back before them; a redo taken before a newer edit ended redo is dropped, as
 * recordEdit would have dropped it.
 */
export function putBack(stack: UndoStack): UndoStack {
  const { pending, past, future, cleared } = stack;
  if (!pending) return stack;
  const kept = cleared && { cleared };
  if (pending.direction === 'redo')
    return pending.later > 0
      ? { past, future, ...kept }
      : { past, future: [...future, pending.edit], ...kept };
  const at = Math.max(0, past.length - pending.later);
  return { past: [...past.slice(0, at), pending.edit, ...past.slice(at)].slice(-LIMIT), future, ...kept };
}

/**
 * The edit to revert and the undo stack while it is written (see settle), or undefined when
 * there is none or another undo or redo is still being written.
 */
export function takeUndo(stack: UndoStack): { edit: Edit; stack: UndoStack } | undefined {
  const edit = stack.past.at(-1);
  if (!edit || stack.pending) return undefined;
  return {
    edit,
    stack: {
      past: stack.past.slice(0, -1),
      future: stack.future,
      pending: { edit, direction: 'undo', later: 0 },
      // Its write may still be refused, which gives back the redo list its recording ended.
      ...(stack.cleared && { cleared: stack.cleared }),
    },
  };
}

/** The edit to make again and the undo stack while it is written, as takeUndo. */
export function takeRedo(stack: UndoStack): { edit: Edit; stack: UndoStack } | undefined {
  const edit = stack.future.at(-1);
  if (!edit || stack.pending) return undefined;
  return {
    edit,
    stack: {
      past: stack.past,
      future: stack.future.slice(0, -1),
      pending: { edit, direction: 'redo', later: 0 },
    },
  };
}

/**
 * The stack once the server answered the pending undo or redo. Written: an undone edit can
 * be redone (unless a newer edit ended redo meanwhile), a redone one undone again (before any
 * edit made meanwhile). Refused: the edit is dropped, as the screen says, so that neither Undo
 * nor Redo offers what never happened.
 */
export function settle(stack: UndoStack, written: boolean): UndoStack {
  const { pending, past, future } = stack;
  if (!pending) return stack;
  if (!written) return { past, future };
  if (pending.direction === 'undo')
    return pending.later > 0 ? { past, future } : { past, future: [...future, pending.edit] };
  const at = Math.max(0, past.length - pending.later);
  return { past: [...past.slice(0, at), pending.edit, ...past.slice(at)].slice(-LIMIT), future };
}
