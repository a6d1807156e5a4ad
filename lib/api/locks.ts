import type { ControllerLock } from '../mesh/controller-lock';
import type { ObjectKey } from '../mesh/types';

/** GET /api/locks: objects another controller owns, which Weir will not change. */
export interface LocksAnswer {
  locks: Record<ObjectKey, ControllerLock>;
  /** Why Argo Rollouts could not be listed (then no Rollout locks anything). */
  error?: string;
}
