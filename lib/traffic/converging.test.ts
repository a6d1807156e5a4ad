import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphEdge } from '../graph/types';
import { type ConvergenceState, trackConvergence } from './converging';
import type { EdgeTraffic } from './types';

const edge = (weight: number): GraphEdge =>
  ({
    id: 'weight:VirtualService/shop/catalog/http/0/1',
    source: 'route',
    target: 'destination',
    kind: 'weight',
    problems: [],
    weight: { weight },
  }) as unknown as GraphEdge;
const shares = (share: number) => new Map<string, EdgeTraffic>([[edge(0).id, { rps: 10, share }]]);
const START: ConvergenceState = { weights: new Map(), converging: new Map() };
const MINUTE = 60_000;

describe('trackConvergence', () => {
  it('marks an edge converging after its weight moves, until figures taken since show the new share', () => {
    let state = trackConvergence(START, [edge(10)], shares(0.1), 0, 1_000);
    expect(state.converging.size).toBe(0);
    // The slider moves 10 → 50: the last figures (taken before) still read 10%.
    state = trackConvergence(state, [edge(50)], shares(0.1), 1_500, 2_000);
    expect(state.converging.get(edge(0).id)).toEqual({ target: 50, after: 1_500, seenAt: 2_000 });
    // Figures held when the move was seen never end it, even when they happen to be close.
    state = trackConvergence(state, [edge(50)], shares(0.48), 1_500, 3_000);
    expect(state.converging.size).toBe(1);
    state = trackConvergence(state, [edge(50)], shares(0.3), 4_000, 4_000);
    expect(state.converging.size).toBe(1);
    state = trackConvergence(state, [edge(50)], shares(0.47), 5_000, 5_000);
    expect(state.converging.size).toBe(0);
  });

  it('does not count figures that arrive with the move (they may have been taken before it)', () => {
    let state = trackConvergence(START, [edge(10)], shares(0.1), 1_000, 1_000);
    state = trackConvergence(state, [edge(50)], shares(0.5), 2_000, 2_000);
    expect(state.converging.get(edge(0).id)?.after).toBe(2_000);
    state = trackConvergence(state, [edge(50)], shares(0.5), 3_000, 3_000);
    expect(state.converging.size).toBe(0);
  });

  it('does not let the first figures end a move seen before any were held (they may predate it)', () => {
    // The weight moves 10 → 50 before the first report came: nothing places the move in time.
    let state = trackConvergence(START, [edge(10)], new Map(), undefined, 1_000);
    state = trackConvergence(state, [edge(50)], new Map(), undefined, 2_000);
    expect(state.converging.get(edge(0).id)).toEqual({ target: 50, after: undefined, seenAt: 2_000 });
    // The first report reads 50%, but may have been taken before the move: it only places it.
    state = trackConvergence(state, [edge(50)], shares(0.5), 1_500, 3_000);
    expect(state.converging.get(edge(0).id)).toEqual({ target: 50, after: 1_500, seenAt: 2_000 });
    // A re-render with the same figures does not end it either; the next report does.
    state = trackConvergence(state, [edge(50)], shares(0.5), 1_500, 3_500);
    expect(state.converging.size).toBe(1);
    state = trackConvergence(state, [edge(50)], shares(0.5), 16_500, 18_000);
    expect(state.converging.size).toBe(0);
  });

  it('stops marking an edge that never converges after ten minutes', () => {
    let state = trackConvergence(
      { weights: new Map([[edge(0).id, 10]]), converging: new Map() },
      [edge(50)],
      shares(0.1),
      0,
      0,
    );
    expect(state.converging.size).toBe(1);
    state = trackConvergence(state, [edge(50)], shares(0.1), 600_001, 600_001);
    expect(state.converging.size).toBe(0);
  });

  // The browser's clock against the server's: figures are timed by the server, the move is
  // seen by the browser. Before, `since` was the browser's Date.now() and measuredAt the server's.
  it('ends the marker on the first figures taken after the move, with the browser five minutes ahead', () => {
    const skew = 5 * MINUTE;
    let state = trackConvergence(START, [edge(10)], shares(0.1), 1_000, 1_000 + skew);
    state = trackConvergence(state, [edge(50)], shares(0.1), 1_000, 2_000 + skew);
    state = trackConvergence(state, [edge(50)], shares(0.5), 16_000, 16_000 + skew);
    // Before: measuredAt 16 000 < since 302 000, so the marker stayed five minutes after converging.
    expect(state.converging.size).toBe(0);
  });

  it('keeps the marker while only figures from before the move are held, with the browser five minutes behind', () => {
    const skew = -5 * MINUTE;
    // The last figures, taken at server time 10 min, read 47% on a route about to move 10 → 50
    // (an earlier experiment); the move is seen at browser time 10 min − 5 min.
    let state = trackConvergence(
      { weights: new Map([[edge(0).id, 10]]), converging: new Map() },
      [edge(10)],
      shares(0.47),
      10 * MINUTE,
      10 * MINUTE + skew,
    );
    state = trackConvergence(state, [edge(50)], shares(0.47), 10 * MINUTE, 10 * MINUTE + 1_000 + skew);
    // A re-render with the same figures: before, measuredAt 600 000 > since 301 000 ended it at once.
    state = trackConvergence(state, [edge(50)], shares(0.47), 10 * MINUTE, 10 * MINUTE + 2_000 + skew);
    expect(state.converging.size).toBe(1);
  });

  it('answers the same whatever the browser clock is off by (property)', () => {
    const step = fc.record({
      weight: fc.constantFrom(0, 10, 50, 90, 100),
      share: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      // Server time moves forward by 0–20 s per step, or the figures are stale (undefined).
      advance: fc.integer({ min: 0, max: 20_000 }),
      stale: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: -3_600_000, max: 3_600_000 }),
        (steps, skew) => {
          let server = 1_000_000;
          let plain: ConvergenceState = START;
          let skewed: ConvergenceState = START;
          for (const s of steps) {
            server += s.advance;
            const traffic = new Map<string, EdgeTraffic>(
              s.share === undefined ? [] : [[edge(0).id, { rps: 1, share: s.share }]],
            );
            const measuredAt = s.stale ? undefined : server;
            // The browser sees each step 300 ms after the server made it, on its own clock.
            plain = trackConvergence(plain, [edge(s.weight)], traffic, measuredAt, server + 300);
            skewed = trackConvergence(skewed, [edge(s.weight)], traffic, measuredAt, server + 300 + skew);
            expect([...skewed.converging.keys()]).toEqual([...plain.converging.keys()]);
            expect([...skewed.converging.values()].map((c) => [c.target, c.after])).toEqual(
              [...plain.converging.values()].map((c) => [c.target, c.after]),
            );
          }
        },
      ),
    );
  });
});
