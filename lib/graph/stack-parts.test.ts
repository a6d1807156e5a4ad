import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Extent, stackParts } from './stack-parts';

const part = (extents: Record<number, [number, number]>) =>
  new Map(Object.entries(extents).map(([column, [top, bottom]]) => [Number(column), { top, bottom }]));

describe('stackParts', () => {
  it('puts a part beside a taller one when they share no column, below it when they do', () => {
    const tall = part({ 0: [0, 100], 1: [0, 500] });
    const beside = part({ 2: [0, 50], 3: [0, 80] });
    const below = part({ 1: [0, 40], 2: [0, 40] });
    expect(stackParts([tall, beside, below], 10)).toEqual([0, 0, 510]);
  });

  it('fills a gap between earlier parts where it fits', () => {
    const first = part({ 0: [0, 100] });
    const second = part({ 0: [0, 100] });
    const third = part({ 0: [0, 30] });
    // Column 0 is full from the top: the third goes below the second.
    expect(stackParts([first, part({ 1: [0, 300] }), second, third], 10)).toEqual([0, 0, 110, 220]);
    // b is pushed down by a in column 1, which leaves room above it in column 2.
    const a = part({ 0: [0, 50], 1: [0, 50] });
    const b = part({ 1: [0, 300], 2: [0, 300] });
    expect(stackParts([a, b, part({ 2: [0, 40] }), part({ 2: [0, 41] })], 10)).toEqual([0, 60, 0, 370]);
  });

  it('keeps the order of two parts in neighbouring columns they both take up, so their edges never cross', () => {
    // a is tall in column 0 only at the bottom; b could fit above it in column 0 but would be
    // below a in column 1.
    const a = part({ 0: [200, 300], 1: [0, 300] });
    const b = part({ 0: [0, 50], 1: [0, 50] });
    expect(stackParts([a, b], 10)).toEqual([0, 310]);
  });

  it('moves a part below another once, where offset + top comes out a rounding error short', () => {
    // (3013.6666666666665 + 48 - 576.1428571428571) + 576.1428571428571 < 3013.6666666666665 + 48
    const offsets = stackParts(
      [part({ 0: [0, 3013.6666666666665] }), part({ 0: [576.1428571428571, 600] })],
      48,
    );
    expect(offsets[1]).toBeCloseTo(3013.6666666666665 + 48 - 576.1428571428571, 6);
  });

  it('never overlaps two parts, never crosses them and never moves a part up', () => {
    // Fractions as elk gives them: a part moved below another must not come out a rounding
    // error short of it (and be moved again, and again).
    const length = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 300, noNaN: true }));
    const extent = fc
      .tuple(
        length,
        length.map((height) => height + 1),
      )
      .map(([top, height]): Extent => ({ top, bottom: top + height }));
    const aPart = fc
      .uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 })
      .chain((columns) =>
        fc
          .tuple(...columns.map((column) => extent.map((e) => [column, e] as const)))
          .map((pairs) => new Map(pairs)),
      );
    fc.assert(
      fc.property(fc.array(aPart, { maxLength: 12 }), fc.integer({ min: 0, max: 30 }), (parts, gap) => {
        const offsets = stackParts(parts, gap);
        expect(offsets).toHaveLength(parts.length);
        const placed = parts.map((p, i) => {
          const at = new Map<number, Extent>();
          for (const [column, { top, bottom }] of p)
            at.set(column, { top: top + (offsets[i] ?? 0), bottom: bottom + (offsets[i] ?? 0) });
          return at;
        });
        for (const offset of offsets) expect(offset).toBeGreaterThanOrEqual(0);
        for (let i = 0; i < placed.length; i++) {
          for (let j = i + 1; j < placed.length; j++) {
            const a = placed[i] as Map<number, Extent>;
            const b = placed[j] as Map<number, Extent>;
            for (const [column, ea] of a) {
              const eb = b.get(column);
              if (!eb) continue;
              // Within the rounding stackParts allows for.
              expect(ea.bottom + gap <= eb.top + 1e-6 || eb.bottom + gap <= ea.top + 1e-6).toBe(true);
              const ea2 = a.get(column + 1);
              const eb2 = b.get(column + 1);
              if (ea2 && eb2) expect(ea.top < eb.top).toBe(ea2.top < eb2.top);
            }
          }
        }
      }),
    );
  });
});
