import type { GraphEdge } from '../graph/types';
import type { EdgeTraffic } from './types';

/** A measured share this close (in points of 100) to the new weight has converged. */
export const CONVERGED_TOLERANCE = 0.05;
/** After this long the edge is no longer marked converging: the drift finding takes over. */
const GIVE_UP_MS = 10 * 60_000;

/**
 * A weight edge whose weight moved: the new weight; `after`, the time (the server's clock, ms)
 * of the newest figures held when the move was seen — only figures taken later count; and
 * `seenAt`, when the browser saw the move (its own clock, ms), for giving up.
 */
export interface Convergence {
  target: number;
  after: number | undefined;
  seenAt: number;
}

/** What is followed from one graph to the next. */
export interface ConvergenceState {
  weights: ReadonlyMap<string, number>;
  converging: ReadonlyMap<string, Convergence>;
  /** The time of the newest figures seen (the server's clock, ms). */
  measuredAt?: number;
}

/**
 * Follows the weight edges' weights from one graph to the next: an edge whose weight changed
 * starts converging on its new weight; one that has converged, or waited too long, stops.
 *
 * Two clocks, never compared: `measuredAt` is when the figures were taken by the server's
 * clock (the traffic report's time), `now` is the browser's. A browser clock minutes off the
 * server's would otherwise count old figures as new, or new ones as old for ten minutes. So a
 * move is placed on the server's clock by the figures it came after: figures count once they
 * are newer than every figure held when the move was seen (reports and weight changes come in
 * the order the server sent them, on one stream; a report held back by the visibility check
 * may come just after a move it preceded, and then counts only if the old share was already
 * within the tolerance of the new weight). A move seen before any figures were held is placed
 * by the first report after it, which does not count. `now` only times the ten-minute give-up.
 */
export function trackConvergence(
  before: ConvergenceState,
  edges: readonly GraphEdge[],
  traffic: ReadonlyMap<string, EdgeTraffic>,
  measuredAt: number | undefined,
  now: number,
): { weights: Map<string, number>; converging: Map<string, Convergence>; measuredAt?: number } {
  const weights = new Map<string, number>();
  const converging = new Map<string, Convergence>();
  // Figures that arrive with the move (the same render) may have been taken before it: the
  // newest held, these included, are the ones a move must be followed by.
  const newest =
    measuredAt === undefined || (before.measuredAt !== undefined && before.measuredAt > measuredAt)
      ? before.measuredAt
      : measuredAt;
  for (const edge of edges) {
    if (edge.kind !== 'weight' || !edge.weight) continue;
    const weight = edge.weight.weight;
    weights.set(edge.id, weight);
    const previous = before.weights.get(edge.id);
    const moved = previous !== undefined && previous !== weight;
    const held = moved ? { target: weight, after: newest, seenAt: now } : before.converging.get(edge.id);
    if (!held || held.target !== weight || Math.abs(now - held.seenAt) > GIVE_UP_MS) continue;
    // A move seen before any figures were held has no place on the server's clock: the first
    // report after it may have been taken before it, so it only places the move (never ends it).
    const entry =
      held.after === undefined && measuredAt !== undefined ? { ...held, after: measuredAt } : held;
    const share = traffic.get(edge.id)?.share;
    const converged =
      measuredAt !== undefined &&
      entry.after !== undefined &&
      measuredAt > entry.after &&
      share !== undefined &&
      Math.abs(share - weight / 100) <= CONVERGED_TOLERANCE;
    if (!converged) converging.set(edge.id, entry);
  }
  return { weights, converging, ...(newest !== undefined && { measuredAt: newest }) };
}
