import { rebalance } from '@/lib/mesh/weights';

/** One drag of a weight slider, from the press to the release. */
export interface Gesture {
  /** The weights shown when it began: what an undo goes back to. */
  before: number[];
  /** `host|subset|port` of each destination when it began: an undo checks the route still has them. */
  destinations: string[];
  /** The weights it shows now. */
  last: number[];
  /** Whether it moved anything (so a write left, or is due to leave). */
  moved: boolean;
}

/**
 * One step of a drag: destination `index` set to `value`, the unlocked others rebalanced.
 * Continues `gesture`, or begins one from the weights shown; `next` is undefined when the
 * step changes nothing (no draft, no write).
 */
export function dragStep(
  gesture: Gesture | undefined,
  shown: readonly number[],
  ids: readonly string[],
  locked: readonly boolean[],
  index: number,
  value: number,
): { gesture: Gesture; next?: number[] } {
  const current = gesture ?? { before: [...shown], destinations: [...ids], last: [...shown], moved: false };
  const next = rebalance(shown, index, value, locked);
  if (next.join() === current.last.join()) return { gesture: current };
  return { gesture: { ...current, last: next, moved: true }, next };
}

/**
 * The weights the release still has to write: undefined when the last write sent (or due)
 * already holds the gesture's final weights, so the release waits for that one instead.
 */
export function releaseWrite(
  gesture: Gesture,
  lastSent: readonly number[] | undefined,
): number[] | undefined {
  return lastSent && lastSent.join() === gesture.last.join() ? undefined : gesture.last;
}

/** What undo records for a finished gesture; undefined when it moved nothing. */
export function gestureEdit(
  gesture: Gesture | undefined,
): { destinations: string[]; before: number[]; after: number[] } | undefined {
  if (!gesture?.moved) return undefined;
  return { destinations: gesture.destinations, before: gesture.before, after: gesture.last };
}
