import { describe, expect, it } from 'vitest';
import type { GraphEdge } from '../graph/types';
import { type ConvergenceState, trackConvergence } from '../traffic/converging';
import type { EdgeTraffic, TrafficReport } from '../traffic/types';
import { convergenceTime, streamedReport } from './traffic-query';

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
const report = (at: string): TrafficReport => ({
  status: { state: 'live', at },
  intervalSeconds: 15,
  windows: {},
});

describe('convergenceTime', () => {
  it("places only the event stream's reports: a refetch answered by a replica five minutes ahead ends no move", () => {
    let state: ConvergenceState = { weights: new Map(), converging: new Map() };
    const step = (weight: number, share: number, held: ReturnType<typeof streamedReport> | TrafficReport) => {
      state = trackConvergence(state, [edge(weight)], shares(share), convergenceTime(held), Date.now());
    };
    step(10, 0.1, streamedReport(report('2026-12-03T01:00:00Z')));
    step(50, 0.1, streamedReport(report('2026-12-03T01:00:00Z')));
    expect(state.converging.size).toBe(1);
    // The GET refetch: another replica's report, dated five minutes on by its clock, with
    // figures from before the move that happen to read near 50%.
    step(50, 0.48, report('2026-12-03T01:05:00Z'));
    expect(state.converging.size).toBe(1);
    // The stream's next report, taken after the move, ends it.
    step(50, 0.5, streamedReport(report('2026-12-03T01:00:15Z')));
    expect(state.converging.size).toBe(0);
  });

  it('gives no time for a stale or absent report', () => {
    expect(convergenceTime(undefined)).toBeUndefined();
    expect(
      convergenceTime(
        streamedReport({
          status: { state: 'stale', since: 'x', reason: 'down' },
          intervalSeconds: 15,
          windows: {},
        }),
      ),
    ).toBeUndefined();
    expect(convergenceTime(streamedReport(report('2026-12-03T01:00:00Z')))).toBe(
      Date.parse('2026-12-03T01:00:00Z'),
    );
  });
});
