import 'server-only';
import type { ChangeAnswer, PreviewAnswer } from '../api/changes';
import type { ChangeSet, SetMember } from '../mesh/changes/change-set';
import { describeChangeSet } from '../mesh/changes/change-set';
import { objectToCreate } from '../mesh/changes/create-object';
import { manifestOf } from '../mesh/changes/delete-object';
import { ConflictError, ForbiddenError, InvalidError, MeshError, NotFoundError } from '../mesh/errors';
import { objectKey } from '../mesh/object-key';
import type { MeshObject, MeshSnapshot, ObjectRef } from '../mesh/types';
import { validate } from '../validate';
import type { Finding } from '../validate/types';
import { wholeDiff } from './create-delete';
import { assertUnlocked } from './locks';
import type { Session } from './session';
import { writeAccess } from './session';
import type { StoreHandle } from './store';
import { recordChange, snapshotAround } from './submit-change';

export interface ChangeSetRequest {
  change: ChangeSet;
  dryRun?: boolean;
  note?: string;
}

/** One member as it will be written: the object it makes, or the one it ends. */
interface Planned {
  change: SetMember;
  object: MeshObject;
}

/**
 * Writes a set of creates and deletes as one change: every member through the gates of its
 * own (RBAC for its verb, controller locks, the precondition of a delete), the rules run once
 * on the mesh with the whole set in place (a member may bring no error of its own; what it
 * breaks elsewhere is a warning), then the writes in order. When one is refused, the ones
 * before it are taken back in reverse order and the error says so; when a take-back fails
 * too, the error names what stands. Each written object's history entry carries the set's
 * summary and note.
 */
export async function submitChangeSet(
  handle: StoreHandle,
  session: Session,
  request: ChangeSetRequest,
): Promise<ChangeAnswer> {
  const { change, dryRun, note } = request;
  const planned = await plan(handle, session, change);
  const warnings = await checkTogether(handle, session, planned);
  const summary = describeChangeSet(change);
  const objects = await writeAll(handle, session, planned, dryRun ?? false);
  const first = objects[0] as MeshObject;
  if (dryRun) return { object: first, objects, rebased: false, summary, warnings };
  let history: ChangeAnswer['history'];
  for (const [i, { change: member }] of planned.entries()) {
    const object = objects[i] as MeshObject;
    const entry = await recordChange(handle, session, {
      ...(member.kind === 'CreateObject' ? { after: object } : { before: object }),
      summary,
      note,
    });
    // The first refusal to record is the one said; the writes stand either way.
    if (!history || (history.recorded && entry && !entry.recorded)) history = entry;
  }
  return { object: first, objects, rebased: false, summary, warnings, history };
}

/** A set as it would be written (dry run): one summary, one diff of every object, the warnings. */
export async function previewChangeSet(
  handle: StoreHandle,
  session: Session,
  request: ChangeSetRequest,
): Promise<PreviewAnswer> {
  const result = await submitChangeSet(handle, session, { ...request, dryRun: true });
  const objects = result.objects ?? [result.object];
  const diff = request.change.changes
    .map((member, i) => wholeDiff(objects[i] as MeshObject, member.kind === 'CreateObject'))
    .join('');
  return {
    object: result.object,
    objects,
    summary: result.summary,
    changes: [result.summary, ...result.warnings.map((f) => `${objectKey(f.ref)}: ${f.message}`)],
    diff,
    warnings: result.warnings,
    resourceVersion: '',
    rebased: false,
  };
}

// Every member's own gates, before anything is written.
async function plan(handle: StoreHandle, session: Session, set: ChangeSet): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const change of set.changes) {
    const key = objectKey(change.target);
    const verb = change.kind === 'CreateObject' ? 'create' : 'delete';
    const access = await writeAccess(handle, session, change.target, verb);
    if (!access.allowed) throw new ForbiddenError(`${key}: ${access.reason ?? 'not allowed'}`);
    const held = handle.store.get(change.target);
    if (change.kind === 'CreateObject') {
      if (held) throw new ConflictError(`${key} already exists`);
      planned.push({ change, object: objectToCreate(change) });
      continue;
    }
    if (!held) throw new NotFoundError(`${key} does not exist`);
    if (held.kind === 'Invalid') throw new InvalidError(`${key} cannot be deleted here: ${held.reason}`);
    if (held.metadata.resourceVersion !== change.resourceVersion) {
      throw new ConflictError(`${key} changed since your screen showed it; review it and try again`, {
        current: held,
      });
    }
    await assertUnlocked(handle, held);
    planned.push({ change, object: held });
  }
  return planned;
}

const keyOf = (object: MeshObject) =>
  objectKey({ kind: object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name });

/**
 * The rules on the mesh before and with the whole set in place: an error the set brings on an
 * object it creates refuses it (a new object may bring no error of its own, as one create);
 * anything else it brings is a warning (a delete that leaves a route without its subset).
 */
async function checkTogether(
  handle: StoreHandle,
  session: Session,
  planned: readonly Planned[],
): Promise<Finding[]> {
  const around = await snapshotAround(handle, session, ...planned.map((p) => p.object));
  const objects = { ...around.objects };
  for (const { change, object } of planned) {
    if (change.kind === 'CreateObject') objects[keyOf(object)] = object;
    else delete objects[keyOf(object)];
  }
  const after: MeshSnapshot = { ...around, objects };
  const id = (f: Finding) => `${objectKey(f.ref)} ${f.code} ${f.message}`;
  const known = new Map<string, number>();
  for (const f of validate(around)) known.set(id(f), (known.get(id(f)) ?? 0) + 1);
  const brought = validate(after).filter((f) => {
    const left = known.get(id(f)) ?? 0;
    known.set(id(f), left - 1);
    return left <= 0;
  });
  const created = new Set(
    planned.filter((p) => p.change.kind === 'CreateObject').map((p) => keyOf(p.object)),
  );
  const refused = brought.filter((f) => f.severity === 'error' && created.has(objectKey(f.ref)));
  if (refused.length > 0) {
    const fields = refused.flatMap((f) =>
      f.path ? [{ path: `${objectKey(f.ref)} ${f.path}`, message: f.message }] : [],
    );
    throw new InvalidError(
      refused.map((f) => `${objectKey(f.ref)}: ${f.message}`).join('; '),
      { findings: refused },
      fields,
    );
  }
  return brought.filter((f) => f.severity !== 'error' || !created.has(objectKey(f.ref)));
}

// Writes the members in order; on a refusal, takes back the ones written before it.
async function writeAll(
  handle: StoreHandle,
  session: Session,
  planned: readonly Planned[],
  dryRun: boolean,
): Promise<MeshObject[]> {
  const done: MeshObject[] = [];
  for (const member of planned) {
    try {
      done.push(await writeOne(handle, session, member, dryRun));
    } catch (error) {
      if (dryRun || done.length === 0) throw error;
      throw await takeBack(handle, session, planned.slice(0, done.length), done, member, error);
    }
  }
  return done;
}

async function writeOne(
  handle: StoreHandle,
  session: Session,
  { change, object }: Planned,
  dryRun: boolean,
): Promise<MeshObject> {
  const { store, history } = handle;
  const key = objectKey(change.target);
  const options = { actor: session.actor, dryRun };
  if (change.kind === 'CreateObject') {
    const write = () => store.create(object, options);
    return history && !dryRun ? history.ownWrite(key, write) : write();
  }
  const remove = () => store.delete(change.target, { ...options, resourceVersion: change.resourceVersion });
  const deleted =
    history && !dryRun ? await history.ownDelete(key, change.resourceVersion, remove) : await remove();
  // As deleted (kubectl's last-applied-configuration in it): what a take-back or an undo recreates.
  return (!dryRun && deleted) || object;
}

/**
 * Undoes the members written before `refused` failed, newest first, and answers the error to
 * throw: the refusal, saying nothing of the set stands, or, when a take-back failed too,
 * naming what stands (details.standing) so the person can finish it by hand.
 */
async function takeBack(
  handle: StoreHandle,
  session: Session,
  planned: readonly Planned[],
  written: readonly MeshObject[],
  refused: Planned,
  error: unknown,
): Promise<MeshError> {
  const standing: string[] = [];
  for (let i = planned.length - 1; i >= 0; i--) {
    const { change } = planned[i] as Planned;
    const object = written[i] as MeshObject;
    const undo: Planned =
      change.kind === 'CreateObject'
        ? {
            change: {
              kind: 'DeleteObject',
              target: change.target,
              resourceVersion: object.metadata.resourceVersion ?? '',
            },
            object,
          }
        : {
            change: { kind: 'CreateObject', target: change.target, object: manifestOf(object) },
            object: again(change.target, object),
          };
    try {
      await writeOne(handle, session, undo, false);
    } catch (undoError) {
      console.error(`weir: a change set could not take back ${objectKey(change.target)}:`, undoError);
      standing.push(objectKey(change.target));
    }
  }
  const reason = error instanceof Error ? error.message : String(error);
  const what = objectKey(refused.change.target);
  const message =
    standing.length === 0
      ? `${what} was refused (${reason}); the ${written.length} written before it were taken back: nothing of the set was written`
      : `${what} was refused (${reason}), and ${standing.join(', ')} could not be taken back: they stand; delete them or apply the rest by hand`;
  const details = { refused: what, standing };
  if (error instanceof MeshError) return new MeshError(error.code, message, details, error.fields);
  return new MeshError('Unavailable', message, details);
}

// A deleted object made again as it was (what the API server set, it sets anew).
function again(target: ObjectRef, object: MeshObject): MeshObject {
  return objectToCreate({ kind: 'CreateObject', target, object: manifestOf(object) });
}
