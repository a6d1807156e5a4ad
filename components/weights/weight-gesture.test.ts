import { describe, expect, it } from 'vitest';
import { dragStep, gestureEdit, gestureOutcome, releaseWrite } from './weight-gesture';

const ids = ['reviews|v1|', 'reviews|v2|', 'reviews|v3|'];
const free = [false, false, false];

describe('a weight drag', () => {
  it('begins from the weights shown and rebalances the others in proportion, to 100', () => {
    const { gesture, next } = dragStep(undefined, [80, 10, 10], ids, free, 1, 30);
    expect(next).toEqual([62, 30, 8]);
    expect(gesture).toEqual({ before: [80, 10, 10], destinations: ids, last: [62, 30, 8], moved: true });
  });

  it('leaves a locked destination where it is', () => {
    const { next } = dragStep(undefined, [80, 10, 10], ids, [false, false, true], 1, 50);
    expect(next).toEqual([40, 50, 10]);
  });

  it('keeps what it began from across steps, and shows the last', () => {
    let step = dragStep(undefined, [80, 10, 10], ids, free, 1, 20);
    step = dragStep(step.gesture, step.next ?? [], ids, free, 1, 40);
    expect(step.gesture.before).toEqual([80, 10, 10]);
    expect(step.gesture.last).toEqual(step.next);
    expect(step.next?.reduce((a, b) => a + b)).toBe(100);
  });

  it('changes nothing when a step lands where it is: no draft, no write, nothing to undo', () => {
    const step = dragStep(undefined, [80, 10, 10], ids, free, 1, 10);
    expect(step.next).toBeUndefined();
    expect(step.gesture.moved).toBe(false);
    expect(gestureEdit(step.gesture)).toBeUndefined();
    expect(gestureEdit(undefined)).toBeUndefined();
  });

  it('writes on release only when the last write sent does not hold the final weights', () => {
    const { gesture } = dragStep(undefined, [80, 10, 10], ids, free, 1, 30);
    expect(releaseWrite(gesture, [62, 30, 8])).toBeUndefined();
    expect(releaseWrite(gesture, [70, 20, 10])).toEqual([62, 30, 8]);
    // Nothing sent while dragging ("write on release"): the release writes.
    expect(releaseWrite(gesture, undefined)).toEqual([62, 30, 8]);
  });

  it('records for undo where it began and where it ended', () => {
    let step = dragStep(undefined, [80, 10, 10], ids, free, 1, 20);
    step = dragStep(step.gesture, step.next ?? [], ids, free, 1, 30);
    expect(gestureEdit(step.gesture)).toEqual({ destinations: ids, before: [80, 10, 10], after: step.next });
  });
});

describe('how a drag’s writes ended, for undo', () => {
  const w = (weights: number[], outcome: 'landed' | 'refused' | 'unknown' | 'superseded') => ({
    weights,
    outcome,
  });

  it('keeps a drag whose last write failed when an earlier one landed: the route holds that one', () => {
    // 50/50, dragged to 90/10: 60/40, 70/30 and 80/20 land, the final 90/10 is refused.
    const writes = [
      w([60, 40], 'landed'),
      w([70, 30], 'landed'),
      w([80, 20], 'landed'),
      w([90, 10], 'refused'),
    ];
    expect(gestureOutcome(writes)).toEqual({ outcome: 'landed', after: [80, 20] });
    // A write never sent (superseded) or refused after it changes nothing.
    expect(
      gestureOutcome([
        w([60, 40], 'landed'),
        w([70, 30], 'superseded'),
        w([80, 20], 'refused'),
        w([90, 10], 'refused'),
      ]),
    ).toEqual({ outcome: 'landed', after: [60, 40] });
  });

  it('never forgets a drag any of whose writes may have landed', () => {
    expect(gestureOutcome([w([60, 40], 'refused'), w([90, 10], 'unknown')])).toEqual({ outcome: 'unknown' });
    expect(gestureOutcome([w([60, 40], 'landed'), w([90, 10], 'unknown')])).toEqual({ outcome: 'unknown' });
    expect(gestureOutcome([w([60, 40], 'unknown'), w([90, 10], 'refused')])).toEqual({ outcome: 'unknown' });
    expect(gestureOutcome([w([60, 40], 'unknown'), w([70, 30], 'landed'), w([90, 10], 'refused')])).toEqual({
      outcome: 'landed',
      after: [70, 30],
    });
  });

  it('forgets it only when none of it landed', () => {
    expect(
      gestureOutcome([w([60, 40], 'refused'), w([70, 30], 'superseded'), w([90, 10], 'refused')]),
    ).toEqual({
      outcome: 'refused',
    });
    expect(gestureOutcome([])).toEqual({ outcome: 'refused' });
  });

  it('is landed, as it is, when its last write landed or handed its weights on', () => {
    expect(gestureOutcome([w([60, 40], 'refused'), w([90, 10], 'landed')])).toEqual({ outcome: 'landed' });
    expect(gestureOutcome([w([90, 10], 'superseded')])).toEqual({ outcome: 'landed' });
  });
});
