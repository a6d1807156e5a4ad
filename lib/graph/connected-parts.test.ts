import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectedParts } from './connected-parts';

describe('connectedParts', () => {
  it('groups ids joined by edges either way, in the order of their first id', () => {
    const parts = connectedParts(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [
        { source: 'e', target: 'b' },
        { source: 'c', target: 'f' },
        { source: 'b', target: 'nowhere' },
        { source: 'f', target: 'a' },
      ],
    );
    expect(parts).toEqual([['a', 'c', 'f'], ['b', 'e'], ['d']]);
  });

  it('puts every id in exactly one part, both ends of each edge in the same one, and only connected ids together', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 30 })
          .chain((count) =>
            fc.tuple(
              fc.constant(Array.from({ length: count }, (_, i) => `n${i}`)),
              fc.array(fc.tuple(fc.nat(count + 2), fc.nat(count + 2)), { maxLength: 40 }),
            ),
          ),
        ([ids, pairs]) => {
          const edges = pairs.map(([a, b]) => ({ source: `n${a}`, target: `n${b}` }));
          const parts = connectedParts(ids, edges);
          expect(parts.flat().sort()).toEqual([...ids].sort());
          const partOf = new Map(parts.flatMap((part, index) => part.map((id) => [id, index] as const)));
          for (const edge of edges) {
            if (partOf.has(edge.source) && partOf.has(edge.target))
              expect(partOf.get(edge.source)).toBe(partOf.get(edge.target));
          }
          // Each part is connected: a walk from its first id reaches all of it.
          for (const part of parts) {
            const reached = new Set([part[0]]);
            for (let grew = true; grew; ) {
              grew = false;
              for (const { source, target } of edges) {
                if (reached.has(source) !== reached.has(target) && partOf.has(source) && partOf.has(target)) {
                  reached.add(reached.has(source) ? target : source);
                  grew = true;
                }
              }
            }
            expect(reached.size).toBe(part.length);
          }
        },
      ),
    );
  });
});
