import { describe, expect, it } from 'vitest';
import type { Edit } from '../mesh/changes/edits';
import { weightEdit } from './test-edits';
import { createUndoRunner } from './undo-runner';

const edit = (before: number[], after: number[]) => weightEdit(before, after, 'reviews');

/** A write the test answers by hand, to see the stack while it is in flight. */
function pendingWrite() {
  const calls: { edit: Edit; direction: 'undo' | 'redo'; answer: (written: boolean) => void }[] = [];
  const run = (edit: Edit, direction: 'undo' | 'redo') =>
    new Promise<boolean>((answer) => calls.push({ edit, direction, answer }));
  return { calls, run };
}

describe('the undo runner', () => {
  it('undoes the newest edit, then offers it to redo once written', async () => {
    const runner = createUndoRunner();
    const first = edit([90, 10], [75, 25]);
    const second = edit([75, 25], [50, 50]);
    runner.record(first);
    runner.record(second);
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    expect(calls.map((c) => [c.edit, c.direction])).toEqual([[second, 'undo']]);
    expect(runner.get()).toMatchObject({ past: [first], future: [] });
    calls[0]?.answer(true);
    await done;
    expect(runner.get()).toEqual({ past: [first], future: [second] });
  });

  it('writes one at a time: a step while another is written does nothing', async () => {
    const runner = createUndoRunner();
    runner.record(edit([90, 10], [75, 25]));
    runner.record(edit([75, 25], [50, 50]));
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    await runner.step('undo', run);
    await runner.step('redo', run);
    expect(calls).toHaveLength(1);
    calls[0]?.answer(true);
    await done;
  });

  it('drops a refused undo from both lists', async () => {
    const runner = createUndoRunner();
    const only = edit([90, 10], [75, 25]);
    runner.record(only);
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    calls[0]?.answer(false);
    await done;
    expect(runner.get()).toEqual({ past: [], future: [] });
  });

  it('keeps an edit recorded while an undo is written, which ends redo', async () => {
    const runner = createUndoRunner();
    const first = edit([90, 10], [75, 25]);
    const meanwhile = edit([75, 25], [60, 40]);
    runner.record(first);
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    runner.record(meanwhile);
    calls[0]?.answer(true);
    await done;
    expect(runner.get()).toEqual({ past: [meanwhile], future: [] });
  });

  it('tells subscribers of every change, and stops when they leave', async () => {
    const runner = createUndoRunner();
    let told = 0;
    const leave = runner.subscribe(() => told++);
    runner.record(edit([90, 10], [75, 25]));
    await runner.step('undo', async () => true);
    expect(told).toBe(3); // recorded, taken, settled
    leave();
    runner.record(edit([90, 10], [80, 20]));
    expect(told).toBe(3);
  });

  it('does nothing with nothing to undo or redo', async () => {
    const runner = createUndoRunner();
    const { calls, run } = pendingWrite();
    await runner.step('undo', run);
    await runner.step('redo', run);
    expect(calls).toHaveLength(0);
  });
});
