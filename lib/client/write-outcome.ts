import { isApiError } from './api-error';

/**
 * Whether a write that failed may still have been applied: Weir sent it to the API server and
 * never heard back (504, code `Unknown`). Such a write is neither done nor refused: the screen
 * must not undo it as if refused, nor retry it, but say so and read the object again.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return isApiError(error) && (error.code === 'Unknown' || error.status === 504);
}

/** What the person is told after such a write, whatever the server's own words. */
export const OUTCOME_UNKNOWN =
  'Outcome unknown: the cluster did not answer in time, so this change may or may not have been applied. Check the object (Weir is reading it again) before you try again.';

/** How a write ended, as undo needs it: only a `refused` one is known never to have happened. */
export type WriteOutcome = 'landed' | 'refused' | 'unknown';

/**
 * A failed write's outcome for undo: `refused` only when the server answered with a refusal.
 * No answer at all (Weir's server not reached, the connection dropped: status 0, or anything
 * but an ApiError) may come after the request arrived, so it is `unknown` like a 504.
 */
export function failedWriteOutcome(error: unknown): 'refused' | 'unknown' {
  if (isOutcomeUnknown(error) || !isApiError(error) || error.status === 0) return 'unknown';
  return 'refused';
}

/** A write's promise as its outcome; it never rejects. */
export function outcomeOf(write: Promise<unknown>): Promise<WriteOutcome> {
  return write.then(() => 'landed' as const, failedWriteOutcome);
}
