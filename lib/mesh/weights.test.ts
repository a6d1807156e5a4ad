import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, effectiveWeights, evenSplit, rebalance, sendAll } from './weights';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Whole percentages for 1..6 destinations that add up to 100, as Weir writes them. */
const balanced = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n - 1, maxLength: n - 1 }))
  .map((cuts) => {
    const sorted = [0, ...cuts.sort((a, b) => a - b), 100];
    return sorted.slice(1).map((c, i) => c - (sorted[i] ?? 0));
  });

/** A move on a route: its weights, which one moves, where to, and which others are locked. */
const move = (weights: fc.Arbitrary<number[]>) =>
  weights.chain((w) =>
    fc.record({
      weights: fc.constant(w),
      index: fc.integer({ min: 0, max: w.length - 1 }),
      value: fc.oneof(fc.integer({ min: -20, max: 120 }), fc.double({ min: -10, max: 110, noNaN: true })),
      locked: fc.array(fc.boolean(), { minLength: w.length, maxLength: w.length }),
    }),
  );

const lockedOthersSum = (weights: number[], index: number, locked: boolean[]) =>
  sum(weights.filter((_, i) => i !== index && locked[i]));

describe('rebalance', () => {
  it('always returns whole percentages 0..100 that add up to 100, whatever the input', () => {
    const anyWeights = fc.array(fc.oneof(fc.integer({ min: -50, max: 200 }), fc.double({ noNaN: false })), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(move(anyWeights), ({ weights, index, value, locked }) => {
        const result = rebalance(weights, index, value, locked);
        expect(result).toHaveLength(weights.length);
        expect(sum(result)).toBe(100);
        for (const w of result) expect(Number.isInteger(w) && w >= 0 && w <= 100).toBe(true);
      }),
    );
  });

  it('never moves a locked other', () => {
    fc.assert(
      fc.property(move(balanced), ({ weights, index, value, locked }) => {
        const result = rebalance(weights, index, value, locked);
        weights.forEach((w, i) => {
          if (i !== index && locked[i]) expect(result[i]).toBe(w);
        });
      }),
    );
  });

  it('gives the moved weight the value asked whenever the locked others leave room for it', () => {
    fc.assert(
      fc.property(move(balanced), ({ weights, index, locked }) => {
        const hasFreeOther = weights.some((_, i) => i !== index && !locked[i]);
        fc.pre(hasFreeOther);
        const room = 100 - lockedOthersSum(weights, index, locked);
        for (const value of [0, room, Math.floor(room / 3)]) {
          expect(rebalance(weights, index, value, locked)[index]).toBe(value);
        }
      }),
    );
  });

  it('clamps the moved weight to what the locked others leave', () => {
    fc.assert(
      fc.property(move(balanced), ({ weights, index, value, locked }) => {
        const room = 100 - lockedOthersSum(weights, index, locked);
        expect(rebalance(weights, index, value, locked)[index]).toBeLessThanOrEqual(room);
      }),
    );
  });

  it('never moves an unlocked other in the same direction as the moved weight', () => {
    fc.assert(
      fc.property(move(balanced), ({ weights, index, value, locked }) => {
        const result = rebalance(weights, index, value, locked);
        const moved = Math.sign((result[index] ?? 0) - (weights[index] ?? 0));
        weights.forEach((w, i) => {
          if (i === index || locked[i]) return;
          const other = Math.sign((result[i] ?? 0) - w);
          expect(other === 0 || other === -moved).toBe(true);
        });
      }),
    );
  });

  it('returns balanced weights unchanged when the value does not change', () => {
    fc.assert(
      fc.property(move(balanced), ({ weights, index, locked }) => {
        expect(rebalance(weights, index, weights[index] ?? 0, locked)).toEqual(weights);
      }),
    );
  });

  it('spreads the difference in proportion to the others’ weights', () => {
    expect(rebalance([50, 30, 20], 0, 70)).toEqual([70, 18, 12]);
    expect(rebalance([90, 10], 1, 25)).toEqual([75, 25]);
    expect(rebalance([34, 33, 33], 0, 0)).toEqual([0, 50, 50]);
  });

  it('spreads equally over others that are all at 0', () => {
    expect(rebalance([100, 0, 0], 0, 40)).toEqual([40, 30, 30]);
    expect(rebalance([100, 0, 0, 0], 0, 0)).toEqual([0, 34, 33, 33]);
  });

  it('keeps locked weights and clamps to what they leave', () => {
    expect(rebalance([50, 30, 20], 0, 90, [false, true, false])).toEqual([70, 30, 0]);
    expect(rebalance([50, 30, 20], 0, 10, [false, true, false])).toEqual([10, 30, 60]);
  });

  it('cannot move a weight when every other is locked', () => {
    expect(rebalance([60, 40], 0, 90, [false, true])).toEqual([60, 40]);
    expect(rebalance([60, 30, 10], 2, 50, [true, true, false])).toEqual([60, 30, 10]);
  });

  it('repairs weights that do not add up to 100', () => {
    expect(rebalance([55, 40], 0, 55)).toEqual([55, 45]);
    expect(rebalance([33, 65, 0], 0, 50)).toEqual([50, 50, 0]);
    // Nothing unlocked but the moved one: it takes what the locked ones leave.
    expect(rebalance([55, 40], 0, 10, [false, true])).toEqual([60, 40]);
  });

  it('gives a lone destination everything', () => {
    expect(rebalance([40], 0, 10)).toEqual([100]);
  });

  it('refuses an index outside the route', () => {
    expect(() => rebalance([50, 50], 2, 10)).toThrow(RangeError);
  });
});

describe('effectiveWeights', () => {
  it('sends everything to a lone destination, whatever its weight', () => {
    expect(effectiveWeights([undefined])).toEqual([100]);
    expect(effectiveWeights([0])).toEqual([100]);
    expect(effectiveWeights([55])).toEqual([100]);
  });

  it('reads missing weights among several as 0', () => {
    expect(effectiveWeights([100, undefined])).toEqual([100, 0]);
    expect(effectiveWeights([80, 20])).toEqual([80, 20]);
  });

  it('reads weights as relative, in whole percentages', () => {
    expect(effectiveWeights([33, 65, undefined])).toEqual([34, 66, 0]);
    expect(effectiveWeights([1, 1, 1])).toEqual([34, 33, 33]);
    expect(effectiveWeights([3, 1])).toEqual([75, 25]);
  });

  it('gives all zeros for several destinations without any weight (Istio refuses those)', () => {
    expect(effectiveWeights([undefined, undefined])).toEqual([0, 0]);
    expect(effectiveWeights([0, 0, 0])).toEqual([0, 0, 0]);
    expect(effectiveWeights([])).toEqual([]);
  });

  it('adds up to 100 whenever some weight is positive', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }), { minLength: 1 }),
        (ws) => {
          const result = effectiveWeights(ws);
          const positive = ws.length === 1 || ws.some((w) => (w ?? 0) > 0);
          expect(sum(result)).toBe(positive ? 100 : 0);
          for (const w of result) expect(Number.isInteger(w)).toBe(true);
        },
      ),
    );
  });
});

describe('evenSplit', () => {
  it('splits 100 as evenly as whole numbers allow', () => {
    expect(evenSplit(1)).toEqual([100]);
    expect(evenSplit(2)).toEqual([50, 50]);
    expect(evenSplit(3)).toEqual([34, 33, 33]);
    expect(evenSplit(0)).toEqual([]);
  });

  it('keeps locked weights and splits the rest', () => {
    expect(evenSplit(3, [true, false, false], [40, 50, 10])).toEqual([40, 30, 30]);
    expect(evenSplit(3, [true, true, true], [40, 50, 10])).toEqual([40, 50, 10]);
    expect(evenSplit(2, [true, false])).toEqual([50, 50]);
  });

  it('always adds up to 100 and never moves a lock that can hold', () => {
    fc.assert(
      fc.property(
        balanced.chain((w) =>
          fc.tuple(fc.constant(w), fc.array(fc.boolean(), { minLength: w.length, maxLength: w.length })),
        ),
        ([current, locked]) => {
          const result = evenSplit(current.length, locked, current);
          expect(sum(result)).toBe(100);
          current.forEach((w, i) => {
            if (locked[i]) expect(result[i]).toBe(w);
          });
        },
      ),
    );
  });
});

describe('sendAll', () => {
  it('switches all traffic to one destination', () => {
    expect(sendAll(3, 1)).toEqual([0, 100, 0]);
    expect(() => sendAll(2, 5)).toThrow(RangeError);
  });
});

describe('apportion', () => {
  it('splits by largest remainder, ties to the first', () => {
    expect(apportion([1, 1, 1], 100)).toEqual([34, 33, 33]);
    expect(apportion([30, 20], 20)).toEqual([12, 8]);
    expect(apportion([0, 0], 5)).toEqual([3, 2]);
  });
});
