import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, recordEdit, takeRedo, takeUndo, type WeightEdit } from './undo-history';

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
    history = undone?.history ?? history;
    expect(takeRedo(history)?.edit).toBe(second);
    expect(takeUndo(history)?.edit).toBe(first);
  });

  it('drops the redo list on a new edit', () => {
    let history = recordEdit(EMPTY_HISTORY, edit([90, 10], [75, 25]));
    history = takeUndo(history)?.history ?? history;
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
});
