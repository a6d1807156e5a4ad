import type { GraphEdge } from '../graph/types';
import type { EdgeTraffic } from './types';

/** A measured share this close (in points of 100) to the new weight has converged. */
export const CONVERGED_TOLERANCE = 0.05;
/** After this long the edge is no longer marked converging: the drift finding takes over. */
const GIVE_UP_MS = 10 * 60_000;

/** A weight edge whose weight moved: the new weight and when the move was seen (ms). */
export interface Convergence {
  target: number;
  since: number;
}

/**
 * Follows the weight edges' weights from one graph to the next: an edge whose weight changed
 * starts converging on its new weight; one that has converged, or waited too long, stops.
 * `measuredAt` is when the figures were taken (ms): only figures taken after the move count.
 */
export function trackConvergence(
  before: { weights: ReadonlyMap<string, number>; converging: ReadonlyMap<string, Convergence> },
  edges: readonly GraphEdge[],
  traffic: ReadonlyMap<string, EdgeTraffic>,
  measuredAt: number | undefined,
  now: number,
): { weights: Map<string, number>; converging: Map<string, Convergence> } {
  const weights = new Map<string, number>();
  const converging = new Map<string, Convergence>();
  for (const edge of edges) {
    if (edge.kind !== 'weight' || !edge.weight) continue;
    const weight = edge.weight.weight;
    weights.set(edge.id, weight);
    const previous = before.weights.get(edge.id);
    const moved = previous !== undefined && previous !== weight;
    const entry = moved ? { target: weight, since: now } : before.converging.get(edge.id);
    if (!entry || entry.target !== weight || now - entry.since > GIVE_UP_MS) continue;
    const share = traffic.get(edge.id)?.share;
    const converged =
      measuredAt !== undefined &&
      measuredAt > entry.since &&
      share !== undefined &&
      Math.abs(share - weight / 100) <= CONVERGED_TOLERANCE;
    if (!converged) converging.set(edge.id, entry);
  }
  return { weights, converging };
}
