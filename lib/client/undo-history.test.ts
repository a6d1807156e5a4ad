import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, recordEdit, settle, takeRedo, takeUndo, type WeightEdit } from './undo-history';

function edit(before: number[], after: number[]): WeightEdit {
  return {
    kind: 'SetWeights',
    target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
    routeKind: 'http',
    routeIndex: 0,
    destinations: ['catalog|v1|', 'catalog|v2|'],
    before,
    after,
  };
}

describe('undo history', () => {
  it('undoes the newest edit first and can redo it', () => {
    const first = edit([90, 10], [75, 25]);
    const second = edit([75, 25], [50, 50]);
    let history = recordEdit(recordEdit(EMPTY_HISTORY, first), second);
    const undone = takeUndo(history);
    expect(undone?.edit).toBe(second);
    history = settle(undone?.history ?? history, true);
    expect(takeRedo(history)?.edit).toBe(second);
    expect(takeUndo(history)?.edit).toBe(first);
  });

  it('drops the redo list on a new edit', () => {
    let history = recordEdit(EMPTY_HISTORY, edit([90, 10], [75, 25]));
    history = settle(takeUndo(history)?.history ?? history, true);
    history = recordEdit(history, edit([90, 10], [80, 20]));
    expect(history.future).toEqual([]);
    expect(takeRedo(history)).toBeUndefined();
  });

  it('ignores an edit that changed nothing', () => {
    expect(recordEdit(EMPTY_HISTORY, edit([50, 50], [50, 50]))).toBe(EMPTY_HISTORY);
  });

  it('has nothing to undo or redo when empty', () => {
    expect(takeUndo(EMPTY_HISTORY)).toBeUndefined();
    expect(takeRedo(EMPTY_HISTORY)).toBeUndefined();
  });

  it('undoes or redoes nothing more while one is being written', () => {
    const first = edit([90, 10], [75, 25]);
    const second = edit([75, 25], [50, 50]);
    const writing = takeUndo(recordEdit(recordEdit(EMPTY_HISTORY, first), second))?.history;
    expect(writing?.pending).toEqual({ edit: second, direction: 'undo', later: 0 });
    expect(writing && takeUndo(writing)).toBeUndefined();
    expect(writing && takeRedo(writing)).toBeUndefined();
    const written = settle(writing ?? EMPTY_HISTORY, true);
    expect(takeUndo(written)?.edit).toBe(first);
    expect(takeRedo(written)?.edit).toBe(second);
  });

  it('drops a refused undo or redo: it lands on neither list', () => {
    const first = edit([90, 10], [75, 25]);
    const second = edit([75, 25], [50, 50]);
    const both = recordEdit(recordEdit(EMPTY_HISTORY, first), second);
    const refused = settle(takeUndo(both)?.history ?? both, false);
    expect(refused).toEqual({ past: [first], future: [] });
    const undone = settle(takeUndo(both)?.history ?? both, true);
    const redoRefused = settle(takeRedo(undone)?.history ?? undone, false);
    expect(redoRefused).toEqual({ past: [first], future: [] });
  });

  it('keeps the order of edits made while an undo or redo was written', () => {
    const first = edit([90, 10], [75, 25]);
    const meanwhile = edit([75, 25], [60, 40]);
    const undoing = takeUndo(recordEdit(EMPTY_HISTORY, first))?.history ?? EMPTY_HISTORY;
    // A newer edit ends redo, even of an undo sent before it.
    expect(settle(recordEdit(undoing, meanwhile), true)).toEqual({ past: [meanwhile], future: [] });
    const undone = settle(undoing, true);
    const redoing = takeRedo(undone)?.history ?? undone;
    // The redo was sent first: undo reverts the later edit before it.
    expect(settle(recordEdit(redoing, meanwhile), true)).toEqual({ past: [first, meanwhile], future: [] });
  });
});
