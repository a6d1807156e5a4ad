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
