import type { WriteOutcome } from '@/lib/client/write-outcome';
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

/** How one write of a gesture ended; `superseded`: not sent (a newer write of the route was queued). */
export type GestureWriteOutcome = WriteOutcome | 'superseded';

/**
 * How a whole gesture's writes ended, for undo, from each write's weights and outcome in the
 * order sent (they are written one after another). Its last write landing (or handing its
 * weights on to a newer write) is `landed`. Otherwise the route holds what the last write that
 * did land left, when every write after it was refused: the gesture is `landed` with those
 * weights as its `after`. A write after it (or the last) whose outcome is unknown makes the
 * gesture's unknown. Only when every write was refused (or never sent) did none of it happen.
 */
export function gestureOutcome(
  writes: readonly { weights: readonly number[]; outcome: GestureWriteOutcome }[],
): { outcome: WriteOutcome; after?: number[] } {
  const last = writes.at(-1);
  if (!last) return { outcome: 'refused' };
  if (last.outcome === 'landed' || last.outcome === 'superseded') return { outcome: 'landed' };
  for (let i = writes.length - 2; i >= 0; i--) {
    const write = writes[i];
    if (!write || write.outcome === 'refused' || write.outcome === 'superseded') continue;
    if (write.outcome === 'unknown' || last.outcome === 'unknown') return { outcome: 'unknown' };
    return { outcome: 'landed', after: [...write.weights] };
  }
  return { outcome: last.outcome };
}
