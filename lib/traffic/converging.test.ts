import { describe, expect, it } from 'vitest';
import type { GraphEdge } from '../graph/types';
import { trackConvergence } from './converging';
import type { EdgeTraffic } from './types';

const edge = (weight: number): GraphEdge =>
  ({
    id: 'weight:shop/catalog/http/0/1',
    source: 'route',
    target: 'destination',
    kind: 'weight',
    problems: [],
    weight: { weight },
  }) as unknown as GraphEdge;
const shares = (share: number) => new Map<string, EdgeTraffic>([[edge(0).id, { rps: 10, share }]]);

describe('trackConvergence', () => {
  it('marks an edge converging after its weight moves, until figures taken since show the new share', () => {
    let state = trackConvergence(
      { weights: new Map(), converging: new Map() },
      [edge(10)],
      shares(0.1),
      0,
      1_000,
    );
    expect(state.converging.size).toBe(0);
    // The slider moves 10 → 50: the last figures (taken before) still read 10%.
    state = trackConvergence(state, [edge(50)], shares(0.1), 1_500, 2_000);
    expect(state.converging.get(edge(0).id)).toEqual({ target: 50, since: 2_000 });
    // Figures from before the move never end it, even when they happen to be close.
    state = trackConvergence(state, [edge(50)], shares(0.48), 1_900, 3_000);
    expect(state.converging.size).toBe(1);
    state = trackConvergence(state, [edge(50)], shares(0.3), 4_000, 4_000);
    expect(state.converging.size).toBe(1);
    state = trackConvergence(state, [edge(50)], shares(0.47), 5_000, 5_000);
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
});
