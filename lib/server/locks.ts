import 'server-only';
import { listGatewayCanaries } from '../kube/canaries';
import { listRollouts } from '../kube/rollouts';
import { toMeshError } from '../kube/status-error';
import { type ControllerLock, controllerLock, type RolloutRef } from '../mesh/controller-lock';
import { ConflictError } from '../mesh/errors';
import type { CanaryRef } from '../mesh/gateway-api-owners';
import { GATEWAY_ROUTE_KINDS } from '../mesh/gateway-api-types';
import { keyOf } from '../mesh/object-key';
import { ISTIO_KINDS, type MeshSnapshot, type ObjectKey, type StoredObject } from '../mesh/types';
import type { StoreHandle } from './store';

const ROLLOUTS_TTL_MS = 3_000;

interface RolloutsAnswer {
  rollouts: RolloutRef[];
  /** Flagger Canaries with a Gateway API provider (their HTTPRoutes). */
  canaries: CanaryRef[];
  /** Why Rollouts or Canaries could not be listed (then those lock nothing). */
  error?: string;
}

const cache = new WeakMap<object, { answer: Promise<RolloutsAnswer>; expires: number }>();

/**
 * Argo Rollouts and Flagger Canaries in the cluster, as Weir's own credential reads them.
 * Where the watches hold a kind (handle.controllers: served, watchable, in sync) it is read
 * there, for the screen and for a write alike: no request, and as fresh as the watch, which
 * trails the API server's watch cache by an event's delivery. A kind they do not hold is
 * listed: kept 3 s for the screen, asked again by a write (the API server's watch cache:
 * milliseconds behind, never older than its last answer: listFromWatchCache).
 * Only a cluster has controllers; a folder of manifests is itself what GitOps tools apply.
 */
export function rolloutsOf(handle: StoreHandle, options: { fresh?: boolean } = {}): Promise<RolloutsAnswer> {
  const kube = handle.kube;
  if (!kube) return Promise.resolve({ rollouts: [], canaries: [] });
  const watchedRollouts = handle.controllers?.rollouts();
  const watchedCanaries = handle.controllers?.canaries();
  if (watchedRollouts && watchedCanaries)
    return Promise.resolve({ rollouts: watchedRollouts, canaries: watchedCanaries });
  const now = Date.now();
  const held = cache.get(kube);
  if (held && held.expires > now && !options.fresh) return held.answer;
  // Each on its own: Canaries Weir may not list (a chart from before it asked) must not take
  // the Rollouts' locks away, and the other way round.
  const answer = Promise.allSettled([
    watchedRollouts ?? listRollouts(kube, handle.namespaces),
    watchedCanaries ?? listGatewayCanaries(kube, handle.namespaces),
  ]).then(([rollouts, canaries]): RolloutsAnswer => {
    const errors = [rollouts, canaries].flatMap((settled) =>
      settled.status === 'rejected' ? [toMeshError(settled.reason).message] : [],
    );
    return {
      rollouts: rollouts.status === 'fulfilled' ? rollouts.value : [],
      canaries: canaries.status === 'fulfilled' ? canaries.value : [],
      ...(errors.length > 0 && { error: errors.join('; ') }),
    };
  });
  cache.set(kube, { answer, expires: now + ROLLOUTS_TTL_MS });
  return answer;
}

/** The controller that would undo a change to this object, if any (cluster only). */
export async function lockOf(
  handle: StoreHandle,
  object: StoredObject,
  options: { fresh?: boolean } = {},
): Promise<ControllerLock | undefined> {
  if (!handle.kube) return undefined;
  const { rollouts, canaries } = await rolloutsOf(handle, options);
  return controllerLock(object, rollouts, canaries);
}

const LOCKABLE: ReadonlySet<string> = new Set([...ISTIO_KINDS, ...GATEWAY_ROUTE_KINDS]);

/** The locks of the Istio objects and Gateway API routes in a snapshot, by key. */
export async function locksIn(
  handle: StoreHandle,
  snapshot: MeshSnapshot,
): Promise<{ locks: Record<ObjectKey, ControllerLock>; error?: string }> {
  if (!handle.kube) return { locks: {} };
  const { rollouts, canaries, error } = await rolloutsOf(handle);
  const locks: Record<ObjectKey, ControllerLock> = {};
  for (const object of Object.values(snapshot.objects)) {
    if (!LOCKABLE.has(object.kind)) continue;
    const lock = controllerLock(object, rollouts, canaries);
    if (lock) locks[keyOf(object)] = lock;
  }
  return { locks, ...(error && { error }) };
}

/** Refuses a write to an object a controller owns, saying what to do instead. */
export async function assertUnlocked(handle: StoreHandle, object: StoredObject): Promise<void> {
  const lock = await lockOf(handle, object, { fresh: true });
  if (lock) throw new ConflictError(`${lock.reason} ${lock.instead}`, { lock, current: object });
}

/**
 * Starts `assertUnlocked` and resolves once its lists are on their way to the API server (one
 * turn of the event loop), so that CPU work the caller does next (a write's gate) overlaps
 * their round trips. Started and left, they waited behind that work (their connection options
 * resolve in a later promise turn): the lists were sent only once the gate had run, and a
 * write paid the gate, the lists and the PUT one after another.
 * When the watches hold both kinds, nothing is sent: the turn comes first, so what had reached
 * Weir's watch connections when the write began is read before the lock is judged.
 */
export async function lockCheckSent(
  handle: StoreHandle,
  object: StoredObject,
): Promise<{ unlocked: Promise<void> }> {
  const watched = handle.controllers;
  const local = watched?.rollouts() !== undefined && watched?.canaries() !== undefined;
  if (local) await new Promise((resolve) => setImmediate(resolve));
  const unlocked = assertUnlocked(handle, object);
  // Its refusal is awaited later, maybe after another error: never unhandled meanwhile.
  unlocked.catch(() => {});
  if (!local) await new Promise((resolve) => setImmediate(resolve));
  return { unlocked };
}
