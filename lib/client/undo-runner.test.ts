import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Edit } from '../mesh/changes/edits';
import { weightEdit } from './test-edits';
import {
  createUndoRunner,
  LANDING_DEADLINE_MS,
  NOT_UNDONE_REFUSED,
  NOT_UNDONE_STILL_SAVING,
  NOT_UNDONE_UNKNOWN,
} from './undo-runner';
import type { WriteOutcome } from './write-outcome';

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
    let land: (outcome: WriteOutcome) => void = () => {};
    runner.record(adding, new Promise<WriteOutcome>((resolve) => (land = resolve)));
    // Undo is offered at once, and targets the edit in flight.
    expect(runner.get()).toEqual({ past: [before, adding], future: [] });
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    await Promise.resolve();
    // Nothing is planned or written against the route before the edit is in it.
    expect(calls).toHaveLength(0);
    expect(runner.get().pending?.edit).toBe(adding);
    land('landed');
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
    let land: (outcome: WriteOutcome) => void = () => {};
    runner.record(failing, new Promise<WriteOutcome>((resolve) => (land = resolve)));
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    land('refused');
    // Undo did nothing, and says why.
    expect(await done).toBe(NOT_UNDONE_REFUSED);
    expect(calls).toHaveLength(0);
    expect(runner.get()).toEqual({ past: [before], future: [] });
    // And one that fails with no undo pressed leaves the lists by itself.
    let fail: (outcome: WriteOutcome) => void = () => {};
    const refused = edit([75, 25], [40, 60]);
    runner.record(refused, new Promise<WriteOutcome>((resolve) => (fail = resolve)));
    expect(runner.get().past).toEqual([before, refused]);
    fail('refused');
    await until(() => runner.get().past.length === 1);
    expect(runner.get()).toEqual({ past: [before], future: [] });
  });

  it('keeps an edit whose write’s outcome is unknown (it may have landed): Undo waiting on it puts it back and says so', async () => {
    const runner = createUndoRunner();
    const before = edit([20, 80], [50, 50]);
    const unsure = edit([50, 50], [90, 10]);
    runner.record(before);
    let land: (outcome: WriteOutcome) => void = () => {};
    runner.record(unsure, new Promise<WriteOutcome>((resolve) => (land = resolve)));
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    land('unknown');
    expect(await done).toBe(NOT_UNDONE_UNKNOWN);
    expect(calls).toHaveLength(0);
    expect(runner.get()).toEqual({ past: [before, unsure], future: [] });
    // Undo again, once the route is read again: the unsure edit, not the one before it.
    const again = runner.step('undo', run);
    expect(calls.map((c) => c.edit)).toEqual([unsure]);
    calls[0]?.answer(true);
    expect(await again).toBeUndefined();
    expect(runner.get()).toEqual({ past: [before], future: [unsure] });
    // And one whose outcome is unknown with no undo pressed stays too.
    let fail: (outcome: WriteOutcome) => void = () => {};
    const later = edit([50, 50], [40, 60]);
    runner.record(later, new Promise<WriteOutcome>((resolve) => (fail = resolve)));
    fail('unknown');
    await Promise.resolve();
    await Promise.resolve();
    expect(runner.get().past).toEqual([before, later]);
  });

  it('gives back the redo list a refused edit’s recording ended', async () => {
    const runner = createUndoRunner();
    const first = edit([20, 80], [50, 50]);
    runner.record(first);
    await runner.step('undo', async () => true);
    expect(runner.get()).toEqual({ past: [], future: [first] });
    let fail: (outcome: WriteOutcome) => void = () => {};
    runner.record(edit([20, 80], [30, 70]), new Promise<WriteOutcome>((resolve) => (fail = resolve)));
    expect(runner.get().future).toEqual([]);
    fail('refused');
    await until(() => runner.get().past.length === 0);
    expect(runner.get().future).toEqual([first]);
    // Also when Undo was waiting on it.
    let refuse: (outcome: WriteOutcome) => void = () => {};
    runner.record(edit([20, 80], [30, 70]), new Promise<WriteOutcome>((resolve) => (refuse = resolve)));
    const done = runner.step('undo', async () => true);
    refuse('refused');
    expect(await done).toBe(NOT_UNDONE_REFUSED);
    expect(runner.get()).toEqual({ past: [], future: [first] });
  });
});

describe('the undo runner waiting on a write that hangs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives up after the deadline: the edit is put back, Undo and Redo work again, and it says so', async () => {
    vi.useFakeTimers();
    const runner = createUndoRunner();
    const before = edit([20, 80], [50, 50]);
    const hung = edit([50, 50], [90, 10]);
    runner.record(before);
    let land: (outcome: WriteOutcome) => void = () => {};
    runner.record(hung, new Promise<WriteOutcome>((resolve) => (land = resolve)));
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    await vi.advanceTimersByTimeAsync(LANDING_DEADLINE_MS - 1);
    expect(runner.get().pending?.edit).toBe(hung);
    await vi.advanceTimersByTimeAsync(1);
    expect(await done).toBe(NOT_UNDONE_STILL_SAVING);
    expect(calls).toHaveLength(0);
    expect(runner.get()).toEqual({ past: [before, hung], future: [] });
    // Once it lands, Undo undoes it (and it was never forgotten meanwhile).
    land('landed');
    await vi.advanceTimersByTimeAsync(0);
    const again = runner.step('undo', run);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.edit)).toEqual([hung]);
    calls[0]?.answer(true);
    await again;
    expect(runner.get()).toEqual({ past: [before], future: [hung] });
  });

  it('puts a hung edit back before edits recorded while Undo waited', async () => {
    vi.useFakeTimers();
    const runner = createUndoRunner();
    const hung = edit([50, 50], [90, 10]);
    runner.record(hung, new Promise<WriteOutcome>(() => {}));
    const done = runner.step('undo', async () => true);
    const meanwhile = edit([90, 10], [70, 30]);
    runner.record(meanwhile);
    await vi.advanceTimersByTimeAsync(LANDING_DEADLINE_MS);
    expect(await done).toBe(NOT_UNDONE_STILL_SAVING);
    expect(runner.get()).toEqual({ past: [hung, meanwhile], future: [] });
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

describe('the undo runner during an Apply recorded from its answer', () => {
  it('waits for the Apply, then undoes it: not the edit before it', async () => {
    const runner = createUndoRunner();
    const first = edit([90, 10], [75, 25]);
    const applied = edit([75, 25], [60, 40]);
    runner.record(first);
    let answer!: () => void;
    runner.waitFor(new Promise<void>((resolve) => (answer = resolve)));
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    await Promise.resolve();
    expect(calls).toEqual([]);
    // The Apply's answer records its edit, then the Apply settles.
    runner.record(applied);
    answer();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.edit).toBe(applied);
    calls[0]?.answer(true);
    expect(await done).toBeUndefined();
    expect(runner.get()).toEqual({ past: [first], future: [applied] });
  });

  it('undoes the edit before a refused Apply once it is refused, and gives up on one that hangs', async () => {
    const runner = createUndoRunner();
    const first = edit([90, 10], [75, 25]);
    runner.record(first);
    runner.waitFor(Promise.reject(new Error('refused')));
    const { calls, run } = pendingWrite();
    const done = runner.step('undo', run);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.edit).toBe(first);
    calls[0]?.answer(true);
    await done;

    vi.useFakeTimers();
    try {
      runner.record(edit([75, 25], [70, 30]));
      runner.waitFor(new Promise(() => {}));
      const waiting = runner.step('undo', run);
      await vi.advanceTimersByTimeAsync(LANDING_DEADLINE_MS);
      expect(await waiting).toBe(NOT_UNDONE_STILL_SAVING);
      expect(calls).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
