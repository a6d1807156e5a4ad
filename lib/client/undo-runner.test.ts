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

  it('undoes an edit still being written once it lands: not the edit before it', async () => {
    const runner = createUndoRunner();
    const before = edit([90, 10], [75, 25]);
    const adding = edit([75, 25], [50, 50]);
    runner.record(before);
    let land: (written: boolean) => void = () => {};
    runner.record(adding, new Promise<boolean>((resolve) => (land = resolve)));
    // Undo is offered at once, and targets the edit in flight.
    expect(runner.get()).toEqual({ past: [before, adding], future: [] });
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    await Promise.resolve();
    // Nothing is planned or written against the route before the edit is in it.
    expect(calls).toHaveLength(0);
    expect(runner.get().pending?.edit).toBe(adding);
    land(true);
    await until(() => calls.length === 1);
    expect(calls.map((c) => [c.edit, c.direction])).toEqual([[adding, 'undo']]);
    calls[0]?.answer(true);
    await done;
    expect(runner.get()).toEqual({ past: [before], future: [adding] });
  });

  it('drops an edit whose write fails; an undo waiting on it writes nothing', async () => {
    const runner = createUndoRunner();
    const before = edit([90, 10], [75, 25]);
    const failing = edit([75, 25], [50, 50]);
    runner.record(before);
    let land: (written: boolean) => void = () => {};
    runner.record(failing, new Promise<boolean>((resolve) => (land = resolve)));
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    land(false);
    await done;
    expect(calls).toHaveLength(0);
    expect(runner.get()).toEqual({ past: [before], future: [] });
    // And one that fails with no undo pressed leaves the lists by itself.
    let fail: (written: boolean) => void = () => {};
    const refused = edit([75, 25], [40, 60]);
    runner.record(refused, new Promise<boolean>((resolve) => (fail = resolve)));
    expect(runner.get().past).toEqual([before, refused]);
    fail(false);
    await until(() => runner.get().past.length === 1);
    expect(runner.get()).toEqual({ past: [before], future: [] });
  });
});

/** Lets the runner's promises settle until `done` holds; fails loudly after 100 turns. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100; turn++) {
    if (done()) return;
    await Promise.resolve();
  }
  throw new Error('the runner never got there within 100 turns');
}
