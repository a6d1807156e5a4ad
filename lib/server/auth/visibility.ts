import 'server-only';
import { RESOURCE_TYPES } from '../../kube/resources';
import { parseObjectKey } from '../../mesh/object-key';
import { DEFAULT_MESH_CONFIG_PLACE } from '../../mesh/outbound-schemas';
import type { Kind, MeshConfigPlace, MeshSnapshot, ObjectKey, SyncStatus } from '../../mesh/types';
import type { StoreEvent } from '../../store/types';
import type { StoreHandle } from '../store';
import { isRestricted, mapLimited, may, questionFor } from './authorizer';
import type { Session } from './identity';
import { snapshotWithMeshConfigHidden, syncWithMeshConfigHidden } from './mesh-config-hidden';

const CONCURRENT_REVIEWS = 16;

/**
 * What of the shared watch cache one person may see: an object of kind K in namespace N when
 * they may list K there (or everywhere); a Namespace when they may list namespaces or get
 * that one; the mesh config when they may get or list it by name. The local person is Weir's
 * own credential, which listed everything it holds.
 */
export interface Visibility {
  restricted: boolean;
  sees(key: ObjectKey): Promise<boolean>;
  /** Whether the person may list `kind` in `namespace`. */
  mayList(kind: Kind, namespace: string): Promise<boolean>;
  /**
   * Whether the person may read the mesh config (`get` or `list` on its ConfigMap, by name):
   * one who may not is told its policy nowhere (mesh-config-hidden.ts).
   */
  mayReadMeshConfig(): Promise<boolean>;
  /** The sync status as the person may see it: the mesh config unknown when they may not read it. */
  syncFor?(sync: SyncStatus): Promise<SyncStatus>;
}

/** Where the mesh config is read: the store's setting, else Istio's default place. */
function meshConfigPlace(handle: StoreHandle): MeshConfigPlace {
  return handle.meshConfig ?? DEFAULT_MESH_CONFIG_PLACE;
}

export function visibilityFor(handle: StoreHandle, session: Session): Visibility {
  const restricted = isRestricted(handle, session);
  const mayList = async (kind: Kind, namespace: string): Promise<boolean> => {
    if (!restricted) return true;
    if (!Object.hasOwn(RESOURCE_TYPES, kind)) return false;
    // The mesh config is one object, read by name: seeing it takes a right on that name, and
    // either verb that reads it will do: `get`, or `list` (Weir's own read is a list and watch
    // field-selected by its name, which RBAC authorises against a rule's resourceNames).
    const only = kind === 'ConfigMap' ? meshConfigPlace(handle) : RESOURCE_TYPES[kind].only;
    if (only) {
      if (namespace !== only.namespace) return false;
      if (await may(handle, session, questionFor('get', kind, namespace, only.name))) return true;
      return may(handle, session, questionFor('list', kind, namespace, only.name));
    }
    if (await may(handle, session, questionFor('list', kind, ''))) return true;
    if (kind === 'Namespace')
      return may(handle, session, questionFor('get', 'Namespace', namespace, namespace));
    return namespace !== '' && may(handle, session, questionFor('list', kind, namespace));
  };
  const mayReadMeshConfig = () => mayList('ConfigMap', meshConfigPlace(handle).namespace);
  return {
    restricted,
    mayList,
    mayReadMeshConfig,
    async syncFor(sync) {
      // Someone who may not read the mesh config is not told the policy it sets: unknown to them.
      const hidden = syncWithMeshConfigHidden(sync);
      if (!restricted || hidden === sync || (await mayReadMeshConfig())) return sync;
      return hidden;
    },
    async sees(key) {
      if (!restricted) return true;
      const { kind, namespace, name } = parseObjectKey(key);
      return kind === 'Namespace' ? mayList('Namespace', name) : mayList(kind, namespace);
    },
  };
}

/** The snapshot without what the person may not see. */
export async function visibleSnapshot(visibility: Visibility, snapshot: MeshSnapshot): Promise<MeshSnapshot> {
  if (!visibility.restricted) return snapshot;
  const sync = (await visibility.syncFor?.(snapshot.sync)) ?? snapshot.sync;
  const keys = Object.keys(snapshot.objects);
  // One answer per kind and namespace; the cache makes the rest free.
  const groups = new Map<string, ObjectKey>();
  for (const key of keys) {
    const { kind, namespace, name } = parseObjectKey(key);
    const group = kind === 'Namespace' ? `Namespace/${name}` : `${kind}/${namespace}`;
    if (!groups.has(group)) groups.set(group, key);
  }
  const representatives = [...groups.entries()];
  const answers = await mapLimited(representatives, CONCURRENT_REVIEWS, ([, key]) => visibility.sees(key));
  const allowed = new Set(representatives.filter((_, i) => answers[i]).map(([group]) => group));
  const objects = Object.fromEntries(
    Object.entries(snapshot.objects).filter(([key]) => {
      const { kind, namespace, name } = parseObjectKey(key);
      return allowed.has(kind === 'Namespace' ? `Namespace/${name}` : `${kind}/${namespace}`);
    }),
  );
  return { ...snapshot, objects, sync };
}

/**
 * Weir's snapshot (every object, as the write gate judges a change) with the mesh config as
 * the person may see it: when they may not read it, hidden (snapshotWithMeshConfigHidden).
 */
export async function withMeshConfigOf(
  visibility: Visibility,
  snapshot: MeshSnapshot,
): Promise<MeshSnapshot> {
  if (!visibility.restricted) return snapshot;
  const hidden = snapshotWithMeshConfigHidden(snapshot);
  if (hidden === snapshot || (await visibility.mayReadMeshConfig())) return snapshot;
  return hidden;
}

/**
 * Whether one store event may go to the person: sync events always (as `syncFor` tells them:
 * a new event when that differs), puts and deletes as `sees`.
 */
export function eventFilter(
  visibility: Visibility,
): ((event: StoreEvent) => Promise<boolean | StoreEvent>) | undefined {
  if (!visibility.restricted) return undefined;
  return async (event) => {
    if (event.type !== 'sync') return visibility.sees(event.key);
    const sync = (await visibility.syncFor?.(event.sync)) ?? event.sync;
    return sync === event.sync ? true : { ...event, sync };
  };
}
