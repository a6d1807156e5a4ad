import 'server-only';
import { ConflictError, InvalidError, NotFoundError } from '../mesh/errors';
import type { MeshObject, ObjectRef } from '../mesh/types';
import type { StoreHandle } from './store';

/**
 * The object as held now and the version a change was made against (the person's screen may
 * be behind). Refuses what cannot be changed: a missing or unparseable object, or a version
 * too old to rebase from.
 *
 * The screen may also be ahead of this store: the answer to a write reaches the browser before
 * the watch brings the version it wrote here (and, behind several replicas, another replica
 * may have written it). A version the store does not know is then asked of the source: when
 * it is the object's current one, the change is made against it.
 */
export async function changeBase(
  handle: StoreHandle,
  target: ObjectRef,
  resourceVersion: string,
): Promise<{ held: MeshObject; base: MeshObject }> {
  const { store, versions } = handle;
  const held = store.get(target);
  // Only an object this store holds: one it does not is outside what this Weir may see or
  // write (WEIR_NAMESPACES), or gone, and is never read from the source here.
  if (!held) throw new NotFoundError(`${target.kind} ${target.namespace}/${target.name} does not exist`);
  if (held.kind === 'Invalid')
    throw new InvalidError(`the object cannot be changed until it is fixed: ${held.reason}`);
  const base =
    held.metadata.resourceVersion === resourceVersion ? held : versions.get(target, resourceVersion);
  if (base) return { held, base };
  // Read with Weir's own credential: only which version is current is taken from it here,
  // and the write itself goes with the person's.
  const current = resourceVersion ? await store.read(target).catch(() => undefined) : undefined;
  if (current && current.metadata.resourceVersion === resourceVersion)
    return { held: current, base: current };
  throw new ConflictError(
    'the object changed since your screen showed it, and that version is no longer known',
    {
      current: held,
    },
  );
}
