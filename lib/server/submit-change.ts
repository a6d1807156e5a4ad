import 'server-only';
import type { ChangeAnswer, ChangeRequest } from '../api/changes';
import { applyChange, describeChange, type MeshChange, rebaseChange } from '../mesh/changes';
import { deepEqual } from '../mesh/deep-equal';
import { ConflictError, ForbiddenError, InvalidError } from '../mesh/errors';
import { objectKey } from '../mesh/object-key';
import { selects } from '../mesh/resolve';
import type { Gateway, MeshObject, MeshSnapshot } from '../mesh/types';
import { namespacesReferenced } from '../mesh/view-references';
import { weightsAlone } from '../mesh/weights-only-diff';
import type { MeshStore } from '../store/types';
import { validate } from '../validate';
import type { Finding } from '../validate/types';
import { revalidateWeights } from '../validate/weights-only';
import { visibilityFor, withMeshConfigOf } from './auth/visibility';
import { changeBase } from './change-base';
import { recallFindings, rememberFindings } from './gate-memo';
import { weirEntry } from './history/entries';
import { trackWrite } from './lifecycle';
import { lockCheckSent } from './locks';
import { countHistoryFailure, timeValidation } from './metrics';
import { timed, timedSync } from './server-timing';
import type { Session } from './session';
import { writeAccess } from './session';
import type { StoreHandle } from './store';

/** An edit as the write path takes it: the version is required (empty: the one held now). */
export interface EditRequest extends Omit<ChangeRequest, 'change' | 'resourceVersion'> {
  change: MeshChange;
  /** The resourceVersion the person's screen showed when they made the change. */
  resourceVersion: string;
}

const MAX_ATTEMPTS = 3;

/**
 * The write path (DESIGN.md): permission, apply the change to the version it was made
 * against, validate, write with that version as precondition; on conflict re-read and
 * re-apply only when the change still applies cleanly. Nothing is written over a newer
 * version blindly, and nothing at all when any step refuses.
 */
export async function submitChange(
  handle: StoreHandle,
  session: Session,
  request: EditRequest,
): Promise<ChangeAnswer> {
  const { store } = handle;
  const { change } = request;
  const access = await timed('access', () => writeAccess(handle, session, change.target));
  if (!access.allowed) throw new ForbiddenError(access.reason ?? 'not allowed');

  const { held, base } = await timed('base', () =>
    changeBase(handle, change.target, request.resourceVersion),
  );
  // The controllers are listed (API requests) while the change is applied and checked (CPU);
  // a lock still refuses first, and nothing is written before it is known.
  const { unlocked } = await timed('locks', () => lockCheckSent(handle, held));
  const lockFirst = async (error: unknown): Promise<never> => {
    await unlocked;
    throw error;
  };
  let current: MeshObject = held;
  let pending: MeshChange | undefined = change;
  let rebased = base !== held;
  if (request.exact && rebased)
    return lockFirst(new ConflictError('the object changed since it was previewed', { current: held }));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let next: MeshObject;
    let warnings: Finding[];
    try {
      if (rebased) pending = rebaseChange(change, base, current);
      if (!pending) {
        throw new ConflictError(
          'someone else changed this route since your screen showed it; review their change and try again',
          {
            current,
          },
        );
      }
      const applied = applyChange(current, pending);
      next = applied;
      const around = await timed('view', () => snapshotAround(handle, session, current, applied));
      warnings = timedSync('gate', () => timeValidation(() => checkFindings(around, current, applied)));
    } catch (error) {
      return lockFirst(error);
    }
    await timed('locks', () => unlocked);
    // A change to what is already there is no change: no write, no history entry.
    if (deepEqual(next.spec, current.spec)) {
      const summary = `${describeChange(pending, current)} (already so: nothing written)`;
      const appliedTo = current.metadata.resourceVersion;
      return { object: current, rebased, summary, warnings, appliedTo, unchanged: true };
    }
    try {
      const write = () =>
        timed('write', () => store.update(next, { actor: session.actor, dryRun: request.dryRun }));
      const object =
        handle.history && !request.dryRun
          ? await handle.history.ownWrite(objectKey(change.target), write)
          : await write();
      const summary = describeChange(pending, current);
      const appliedTo = current.metadata.resourceVersion;
      if (request.dryRun) return { object, rebased, summary, warnings, appliedTo };
      // Recorded after the answer (one API request less on a canary step's path); a shutdown
      // waits for it, and a read of history on this replica waits until it is made.
      void trackWrite(
        recordChange(handle, session, {
          before: current,
          after: object,
          change: pending,
          summary,
          note: request.note,
        }),
      );
      const history = handle.history ? { recorded: false, pending: true } : undefined;
      return { object, rebased, summary, warnings, appliedTo, history };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = await store.read(change.target, { actor: session.actor });
      if (request.exact) throw new ConflictError('the object changed since it was previewed', { current });
      rebased = true;
    }
  }
  throw new ConflictError('the object keeps changing under this write; try again', { current });
}

/**
 * Records a change made: who, when, the routes before and after, the note. Written with
 * Weir's own credential, after the write (a refused write records nothing); when recording
 * fails the change stands and the answer says so.
 */
export async function recordChange(
  handle: StoreHandle,
  session: Session,
  input: { before?: MeshObject; after?: MeshObject; change?: MeshChange; summary: string; note?: string },
): Promise<ChangeAnswer['history']> {
  if (!handle.history) return undefined;
  try {
    const entry = await handle.history.record(weirEntry({ user: session.user, ...input }));
    return { recorded: true, id: entry?.id };
  } catch (error) {
    console.error('weir: a change was written but could not be recorded in history:', error);
    countHistoryFailure('weir');
    return { recorded: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function podNamespaces(store: MeshStore, gateway: Gateway): Set<string> {
  const selector = gateway.spec.selector ?? {};
  const found = new Set<string>();
  if (Object.keys(selector).length === 0) return found;
  for (const [, object] of store.entries()) {
    if (object.kind === 'Pod' && selects(selector, object.metadata.labels))
      found.add(object.metadata.namespace ?? '');
  }
  return found;
}

/**
 * What a change to an object can touch, for its checks: a view of the object's namespace and
 * of the namespaces it points into before and after (MeshStore.snapshot), not the whole mesh;
 * with the mesh config as the person may see it (unknown to one who may not read it: they are
 * neither told its policy nor refused for it). Every write path judges on this.
 */
export async function snapshotAround(
  handle: StoreHandle,
  session: Session,
  ...versions: MeshObject[]
): Promise<MeshSnapshot> {
  const { store } = handle;
  const namespaces = new Set<string>();
  for (const object of versions) {
    namespaces.add(object.metadata.namespace ?? '');
    for (const namespace of namespacesReferenced(object)) namespaces.add(namespace);
    // A Gateway's pods may live elsewhere (an egress gateway in istio-system for a Gateway in
    // shop): their namespaces too, or GW_SELECTOR_NO_PODS would refuse a Gateway that works.
    if (object.kind === 'Gateway')
      for (const namespace of podNamespaces(store, object)) namespaces.add(namespace);
  }
  return withMeshConfigOf(visibilityFor(handle, session), store.snapshot([...namespaces]));
}

/**
 * Runs the rules on the snapshot with the changed object in place. A change that brings a
 * new error on this object is refused; errors that were there before do not block it.
 * Without `before` the object is new: every error on it is new.
 */
export function checkFindings(
  snapshot: MeshSnapshot,
  before: MeshObject | undefined,
  after: MeshObject,
): Finding[] {
  const key = objectKey({
    kind: after.kind,
    namespace: after.metadata.namespace ?? '',
    name: after.metadata.name,
  });
  const mine = (findings: readonly Finding[]) => findings.filter((f) => objectKey(f.ref) === key);
  const { [key]: _held, ...others } = snapshot.objects;
  const beforeView = { ...snapshot, objects: before ? { ...others, [key]: before } : others };
  const afterView = { ...snapshot, objects: { ...snapshot.objects, [key]: after } };
  // A canary step (weights alone moved): only the weight rules can judge before and after
  // differently, so one side is known from the other and those rules on the object. A drag's
  // next step finds `before` already judged (its last step's `after`, on a view that has not
  // moved since): then no whole run at all; otherwise one instead of two (half the gate at
  // 10,000 VirtualServices). A refusal by admission on either side hides other findings, and
  // then whole runs decide.
  const weightsOnly = before !== undefined && weightsAlone(before, after);
  const known = weightsOnly ? recallFindings(beforeView, key) : undefined;
  const all = (known && revalidateWeights(known, afterView, [key])) || validate(afterView);
  if (weightsOnly) rememberFindings(afterView, key, all);
  const old = mine(
    known ?? ((weightsOnly && revalidateWeights(all, beforeView, [key])) || validate(beforeView)),
  );
  // In one order whichever way they were found (a recalled run lists the weight rules' last).
  const found = mine(all).sort(byPlace);
  // Counted by code and message, not path: adding, removing or moving a route shifts the
  // paths of errors that were already there; a second instance of one is still new.
  const counted = new Map<string, number>();
  for (const f of old)
    counted.set(`${f.code} ${f.message}`, (counted.get(`${f.code} ${f.message}`) ?? 0) + 1);
  const introduced = found.filter((f) => {
    const id = `${f.code} ${f.message}`;
    const left = counted.get(id) ?? 0;
    counted.set(id, left - 1);
    return f.severity === 'error' && left <= 0;
  });
  if (introduced.length > 0) {
    const fields = introduced.flatMap((f) => (f.path ? [{ path: f.path, message: f.message }] : []));
    throw new InvalidError(introduced.map((f) => f.message).join('; '), { findings: introduced }, fields);
  }
  return found.filter((f) => f.severity === 'warning');
}

function byPlace(a: Finding, b: Finding): number {
  return compare(a.path, b.path) || compare(a.code, b.code) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
