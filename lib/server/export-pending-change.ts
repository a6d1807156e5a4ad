import 'server-only';
import { applyChange } from '../mesh/apply-change';
import type { MeshChange } from '../mesh/changes';
import { ConflictError, InvalidError, NotFoundError } from '../mesh/errors';
import { type ExportedChange, exportChange } from '../mesh/export-change';
import type { StoreHandle } from './store';

/**
 * A pending change exported for Git or kubectl rather than written. It is made against the
 * version the person saw, so the patch's resourceVersion test guards exactly that version.
 */
export function exportPendingChange(
  { store, versions }: StoreHandle,
  change: MeshChange,
  resourceVersion: string,
): ExportedChange {
  const held = store.get(change.target);
  if (!held)
    throw new NotFoundError(
      `${change.target.kind} ${change.target.namespace}/${change.target.name} does not exist`,
    );
  if (held.kind === 'Invalid')
    throw new InvalidError(`the object cannot be changed until it is fixed: ${held.reason}`);
  const base =
    held.metadata.resourceVersion === resourceVersion ? held : versions.get(change.target, resourceVersion);
  if (!base)
    throw new ConflictError('that version of the object is no longer known; reload', { current: held });
  return exportChange(base, applyChange(base, change));
}
