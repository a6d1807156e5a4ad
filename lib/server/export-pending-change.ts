import 'server-only';
import { applyChange, type MeshChange } from '../mesh/changes';
import { type ExportedChange, exportChange } from '../mesh/export-change';
import { changeBase } from './change-base';
import type { StoreHandle } from './store';

/**
 * A pending change exported for Git or kubectl rather than written. It is made against the
 * version the person saw, so the patch's resourceVersion test guards exactly that version.
 */
export async function exportPendingChange(
  handle: StoreHandle,
  change: MeshChange,
  resourceVersion: string,
): Promise<ExportedChange> {
  const { base } = await changeBase(handle, change.target, resourceVersion);
  return exportChange(base, applyChange(base, change));
}
