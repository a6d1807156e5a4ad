import { objectKey } from '../../mesh/object-key';
import { meshConfigPlaceName } from '../../mesh/outbound-schemas';
import type { MeshSnapshot, SyncStatus } from '../../mesh/types';

/**
 * The sync status as told to someone who may not read the mesh config: its state unknown,
 * saying why, so nothing they are shown rests on the policy it sets. The same object when
 * there is nothing to hide (no mesh config place, or Weir does not know it either).
 */
export function syncWithMeshConfigHidden(sync: SyncStatus): SyncStatus {
  if (!sync.meshConfig || sync.meshConfig.unknown !== undefined) return sync;
  const { namespace, name } = sync.meshConfig;
  const unknown = `you may not read ${meshConfigPlaceName(sync.meshConfig)}`;
  return { ...sync, meshConfig: { namespace, name, unknown } };
}

/**
 * A snapshot as someone who may not read the mesh config has it: the state unknown
 * (syncWithMeshConfigHidden) and the ConfigMap left out, so no finding, trace or check tells
 * them the policy it sets, nor refuses them for it. The one place the person's view, the write
 * gate and the overview's counts for them (NamespaceProblems) take it from.
 */
export function snapshotWithMeshConfigHidden(snapshot: MeshSnapshot): MeshSnapshot {
  const sync = syncWithMeshConfigHidden(snapshot.sync);
  if (sync === snapshot.sync || !sync.meshConfig) return snapshot;
  const { namespace, name } = sync.meshConfig;
  const { [objectKey({ kind: 'ConfigMap', namespace, name })]: _hidden, ...objects } = snapshot.objects;
  return { ...snapshot, sync, objects };
}
