import { describe, expect, it } from 'vitest';
import { weightEdit } from './test-edits';
import { EMPTY_UNDO_STACK, forget, putBack, recordEdit, settle, takeRedo, takeUndo } from './undo-stack';

const edit = (before: number[], after: number[]) => weightEdit(before, after);

describe('undo stack', () => {
  it('undoes the newest edit first and can redo it', () => {
    const first = edit([90, 10], [75, 25]);
    const second = edit([75, 25], [50, 50]);
    let stack = recordEdit(recordEdit(EMPTY_UNDO_STACK, first), second);
    const undone = takeUndo(stack);
    expect(undone?.edit).toBe(second);
    stack = settle(undone?.stack ?? stack, true);
    expect(takeRedo(stack)?.edit).toBe(second);
    expect(takeUndo(stack)?.edit).toBe(first);
  });

  it('drops the redo list on a new edit', () => {
    let stack = recordEdit(EMPTY_UNDO_STACK, edit([90, 10], [75, 25]));
    stack = settle(takeUndo(stack)?.stack ?? stack, true);
    stack = recordEdit(stack, edit([90, 10], [80, 20]));
    expect(stack.future).toEqual([]);
    expect(takeRedo(stack)).toBeUndefined();
  });

  it('ignores an edit that changed nothing', () => {
    expect(recordEdit(EMPTY_UNDO_STACK, edit([50, 50], [50, 50]))).toBe(EMPTY_UNDO_STACK);
  });

  it('has nothing to undo or redo when empty', () => {
    expect(takeUndo(EMPTY_UNDO_STACK)).toBeUndefined();
    expect(takeRedo(EMPTY_UNDO_STACK)).toBeUndefined();
  });

  it('undoes or redoes nothing more while one is being written', () => {
    const first = edit([90, 10], [75, 25]);
    const second = edit([75, 25], [50, 50]);
    const writing = takeUndo(recordEdit(recordEdit(EMPTY_UNDO_STACK, first), second))?.stack;
    expect(writing?.pending).toEqual({ edit: second, direction: 'undo', later: 0 });
    expect(writing && takeUndo(writing)).toBeUndefined();
    expect(writing && takeRedo(writing)).toBeUndefined();
    const written = settle(writing ?? EMPTY_UNDO_STACK, true);
    expect(takeUndo(written)?.edit).toBe(first);
    expect(takeRedo(written)?.edit).toBe(second);
  });

  it('drops a refused undo or redo: it lands on neither list', () => {
    const first = edit([90, 10], [75, 25]);
    const second = edit([75, 25], [50, 50]);
    const both = recordEdit(recordEdit(EMPTY_UNDO_STACK, first), second);
    const refused = settle(takeUndo(both)?.stack ?? both, false);
    expect(refused).toEqual({ past: [first], future: [] });
    const undone = settle(takeUndo(both)?.stack ?? both, true);
    const redoRefused = settle(takeRedo(undone)?.stack ?? undone, false);
    expect(redoRefused).toEqual({ past: [first], future: [] });
  });

  it('keeps the order of edits made while an undo or redo was written', () => {
    const first = edit([90, 10], [75, 25]);
    const meanwhile = edit([75, 25], [60, 40]);
    const undoing = takeUndo(recordEdit(EMPTY_UNDO_STACK, first))?.stack ?? EMPTY_UNDO_STACK;
    // A newer edit ends redo, even of an undo sent before it.
    expect(settle(recordEdit(undoing, meanwhile), true)).toEqual({ past: [meanwhile], future: [] });
    const undone = settle(undoing, true);
    const redoing = takeRedo(undone)?.stack ?? undone;
    // The redo was sent first: undo reverts the later edit before it.
    expect(settle(recordEdit(redoing, meanwhile), true)).toEqual({ past: [first, meanwhile], future: [] });
  });

  it('forgets an edit whose write failed: neither list offers it, the rest keep their order', () => {
    const first = edit([90, 10], [75, 25]);
    const failed = edit([75, 25], [60, 40]);
    const last = edit([60, 40], [50, 50]);
    const three = recordEdit(recordEdit(recordEdit(EMPTY_UNDO_STACK, first), failed), last);
    expect(forget(three, failed)).toEqual({ past: [first, last], future: [] });
    expect(takeUndo(forget(forget(three, last), failed))?.edit).toBe(first);
    // Not held (already forgotten, or never recorded): the same stack.
    expect(forget(forget(three, failed), failed)).toEqual(forget(three, failed));
    expect(forget(EMPTY_UNDO_STACK, failed)).toBe(EMPTY_UNDO_STACK);
  });

  it('forgets a failed edit made while a redo was written: the redone edit lands before those that stay', () => {
    const first = edit([90, 10], [75, 25]);
    const kept = edit([75, 25], [70, 30]);
    const failed = edit([70, 30], [60, 40]);
    const undone = settle(takeUndo(recordEdit(EMPTY_UNDO_STACK, first))?.stack ?? EMPTY_UNDO_STACK, true);
    const redoing = takeRedo(undone)?.stack ?? undone;
    const meanwhile = forget(recordEdit(recordEdit(redoing, kept), failed), failed);
    expect(meanwhile.pending?.later).toBe(1);
    expect(settle(meanwhile, true)).toEqual({ past: [first, kept], future: [] });
  });

  it('gives back the redo list a forgotten edit’s recording ended, unless another edit was recorded since', () => {
    const first = edit([90, 10], [75, 25]);
    const undone = settle(takeUndo(recordEdit(EMPTY_UNDO_STACK, first))?.stack ?? EMPTY_UNDO_STACK, true);
    const failed = edit([90, 10], [60, 40]);
    const sent = recordEdit(undone, failed);
    expect(takeRedo(sent)).toBeUndefined();
    expect(forget(sent, failed)).toEqual({ past: [], future: [first] });
    // Taken by an undo, put back and then forgotten: the same.
    const waiting = takeUndo(sent)?.stack ?? sent;
    expect(forget(putBack(waiting), failed)).toEqual({ past: [], future: [first] });
    // Another edit recorded since ended redo for good.
    const other = edit([90, 10], [70, 30]);
    expect(forget(recordEdit(sent, other), failed)).toEqual({ past: [other], future: [] });
  });

  it('puts a pending edit back where it was taken from, before edits recorded meanwhile', () => {
    const first = edit([90, 10], [75, 25]);
    const second = edit([75, 25], [50, 50]);
    const meanwhile = edit([50, 50], [40, 60]);
    const both = recordEdit(recordEdit(EMPTY_UNDO_STACK, first), second);
    const taken = takeUndo(both)?.stack ?? both;
    expect(putBack(taken)).toEqual(both);
    expect(putBack(recordEdit(taken, meanwhile))).toEqual({ past: [first, second, meanwhile], future: [] });
    const undone = settle(taken, true);
    const redoing = takeRedo(undone)?.stack ?? undone;
    expect(putBack(redoing)).toEqual(undone);
    // A redo taken before a newer edit ended redo is not offered again.
    expect(putBack(recordEdit(redoing, meanwhile))).toEqual({ past: [first, meanwhile], future: [] });
    expect(putBack(both)).toBe(both);
  });
});
