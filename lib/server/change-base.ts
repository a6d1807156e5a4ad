import 'server-only';
import { ConflictError, InvalidError, NotFoundError } from '../mesh/errors';
import type { MeshObject, ObjectRef } from '../mesh/types';
import type { StoreHandle } from './store';

/**
 * The object as held now and the version a change was made against (the person's screen may
 * be behind). Refuses what cannot be changed: a missing or unparseable object, or a version
 * too old to rebase from.
 */
export function changeBase(
  { store, versions }: StoreHandle,
  target: ObjectRef,
  resourceVersion: string,
): { held: MeshObject; base: MeshObject } {
  const held = store.get(target);
  if (!held) throw new NotFoundError(`${target.kind} ${target.namespace}/${target.name} does not exist`);
  if (held.kind === 'Invalid')
    throw new InvalidError(`the object cannot be changed until it is fixed: ${held.reason}`);
  const base =
    held.metadata.resourceVersion === resourceVersion ? held : versions.get(target, resourceVersion);
  if (!base) {
    throw new ConflictError(
      'the object changed since your screen showed it, and that version is no longer known',
      {
        current: held,
      },
    );
  }
  return { held, base };
}
