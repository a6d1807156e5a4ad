import 'server-only';
import { createTwoFilesPatch } from 'diff';
import type { ChangeAnswer, PreviewAnswer } from '../api/changes';
import { type CreateObject, type DeleteObject, describeChange, type LifecycleChange } from '../mesh/changes';
import { objectToCreate, renamedCreate } from '../mesh/changes/create-object';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../mesh/errors';
import { exportChange } from '../mesh/export-change';
import { objectKey } from '../mesh/object-key';
import { nextGrantName } from '../mesh/reference-grant-template';
import type { MeshObject, MeshSnapshot, ObjectRef } from '../mesh/types';
import { validate } from '../validate';
import type { Finding } from '../validate/types';
import { assertUnlocked } from './locks';
import type { Session } from './session';
import { writeAccess } from './session';
import type { StoreHandle } from './store';
import { checkFindings, recordChange, snapshotAround } from './submit-change';

export interface LifecycleRequest {
  change: LifecycleChange;
  /** For a delete: the version the person saw, the delete's precondition. */
  resourceVersion?: string;
  dryRun?: boolean;
  note?: string;
}

/**
 * Creating or deleting an object, through the same gates as an edit: permission (the
 * `create` / `delete` verb), the rules (a new object may bring no error of its own),
 * controller locks (delete), the precondition (delete), history. Dry run when asked.
 */
export async function submitLifecycleChange(
  handle: StoreHandle,
  session: Session,
  request: LifecycleRequest,
): Promise<ChangeAnswer> {
  const { change } = request;
  const verb = change.kind === 'CreateObject' ? 'create' : 'delete';
  const access = await writeAccess(handle, session, change.target, verb);
  if (!access.allowed) throw new ForbiddenError(access.reason ?? 'not allowed');
  return change.kind === 'CreateObject'
    ? createObject(handle, session, change, request)
    : deleteObject(handle, session, change, request);
}

/** How many names a create with `nameTaken: next` tries before it gives up. */
export const NAME_TRIES = 5;

async function createObject(
  handle: StoreHandle,
  session: Session,
  asked: CreateObject,
  request: LifecycleRequest,
): Promise<ChangeAnswer> {
  const { store } = handle;
  let change = asked;
  objectToCreate(change);
  if (change.nameTaken !== 'next') {
    if (store.get(change.target)) throw new ConflictError(`${objectKey(change.target)} already exists`);
    return createNamed(handle, session, change, request);
  }
  // A ReferenceGrant's name is Weir's choice: one someone made since the screen chose it (the
  // API server answers 409 AlreadyExists; the cache may not have it yet) moves on to the next.
  const tried: string[] = [];
  for (;;) {
    try {
      return await createNamed(handle, session, change, request);
    } catch (error) {
      if (!alreadyExists(error)) throw error;
      tried.push(change.target.name);
      if (tried.length >= NAME_TRIES)
        throw new ConflictError(
          `ReferenceGrant names ${tried.join(', ')} in ${change.target.namespace}: each name was taken (${NAME_TRIES} tried); review and try again`,
          { reason: 'AlreadyExists' },
        );
      change = renamedCreate(change, nextGrantName(change.target.name));
    }
  }
}

/** The API server's 409 AlreadyExists (or the files backend's), as opposed to any other refusal. */
function alreadyExists(error: unknown): boolean {
  return (
    error instanceof ConflictError &&
    (error.details as { reason?: unknown } | undefined)?.reason === 'AlreadyExists'
  );
}

async function createNamed(
  handle: StoreHandle,
  session: Session,
  change: CreateObject,
  request: LifecycleRequest,
): Promise<ChangeAnswer> {
  const { store } = handle;
  const { target } = change;
  const object = objectToCreate(change);
  const warnings = checkFindings(await snapshotAround(handle, session, object), undefined, object);
  const write = () => store.create(object, { actor: session.actor, dryRun: request.dryRun });
  const created =
    handle.history && !request.dryRun
      ? await handle.history.ownWrite(objectKey(target), write)
      : await write();
  const summary = describeChange(change, created);
  if (request.dryRun) return { object: created, rebased: false, summary, warnings };
  const history = await recordChange(handle, session, { after: created, summary, note: request.note });
  return { object: created, rebased: false, summary, warnings, history };
}

async function deleteObject(
  handle: StoreHandle,
  session: Session,
  change: DeleteObject,
  request: LifecycleRequest,
): Promise<ChangeAnswer> {
  const { store } = handle;
  const { target } = change;
  const held = store.get(target);
  if (!held) throw new NotFoundError(`${objectKey(target)} does not exist`);
  if (held.kind === 'Invalid') throw new InvalidError(`the object cannot be deleted here: ${held.reason}`);
  if (!request.resourceVersion)
    throw new InvalidError('a delete needs the resourceVersion the screen showed');
  if (held.metadata.resourceVersion !== request.resourceVersion) {
    throw new ConflictError('the object changed since your screen showed it; review it and try again', {
      current: held,
    });
  }
  await assertUnlocked(handle, held);
  const warnings = brokenBy(await snapshotAround(handle, session, held), target);
  const options = { actor: session.actor, dryRun: request.dryRun, resourceVersion: request.resourceVersion };
  const remove = () => store.delete(target, options);
  const deleted =
    handle.history && !request.dryRun
      ? await handle.history.ownDelete(objectKey(target), request.resourceVersion, remove)
      : await remove();
  const summary = describeChange(change, held);
  // As it was deleted when the source says (kubectl's last-applied-configuration in it, which
  // the store does not hold): the object an undo, or a restore from history, recreates.
  const before = (!request.dryRun && deleted) || held;
  const base = { object: before, rebased: false, summary, warnings, appliedTo: request.resourceVersion };
  if (request.dryRun) return base;
  const history = await recordChange(handle, session, { before, summary, note: request.note });
  return { ...base, history };
}

/** The findings, on any object, that deleting `target` would bring (routes to a subset that is gone…). */
function brokenBy(snapshot: MeshSnapshot, target: ObjectRef): Finding[] {
  const key = objectKey(target);
  const id = (f: Finding) => `${objectKey(f.ref)} ${f.code} ${f.message}`;
  const known = new Set(validate(snapshot).map(id));
  const { [key]: _gone, ...rest } = snapshot.objects;
  return validate({ ...snapshot, objects: rest }).filter((f) => !known.has(id(f)));
}

/** The whole manifest added (a create) or removed (a delete), as a unified diff. */
export function wholeDiff(object: MeshObject, creating: boolean): string {
  const { manifest } = exportChange(object, object);
  const file = `${object.metadata.namespace ?? 'default'}/${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
  const [before, after] = creating ? ['', manifest] : [manifest, ''];
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, '', '', { context: 3 });
}

/** A create or delete as review shows it: the diff from nothing, or to nothing. */
export async function previewLifecycleChange(
  handle: StoreHandle,
  session: Session,
  request: LifecycleRequest,
): Promise<PreviewAnswer> {
  const result = await submitLifecycleChange(handle, session, { ...request, dryRun: true });
  const creating = request.change.kind === 'CreateObject';
  const diff = wholeDiff(result.object, creating);
  return {
    object: result.object,
    summary: result.summary,
    changes: [result.summary, ...result.warnings.map((f) => `${objectKey(f.ref)}: ${f.message}`)],
    diff,
    warnings: result.warnings,
    resourceVersion: result.appliedTo ?? '',
    rebased: false,
    before: creating ? undefined : result.object,
  };
}
