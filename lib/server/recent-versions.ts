import 'server-only';
import { keyOf } from '../mesh/object-key';
import type { MeshObject, ObjectRef } from '../mesh/types';
import type { MeshStore } from '../store/types';

const VERSIONS_PER_OBJECT = 32;
/**
 * Kinds Weir only reads (never the target of a change): no version of theirs is ever a base.
 * Kept, they were a map per Pod, Service and Namespace: 30,000 of them at 10,000 VirtualServices.
 */
const READ_ONLY_KINDS: ReadonlySet<string> = new Set(['Pod', 'Service', 'Namespace']);

/**
 * The recent versions of each object, by resourceVersion. A change arrives with the version
 * it was made against; when the object has moved on since, this is the base a rebase needs.
 * An object seen in one version only (most of a large mesh) is held as itself, not as a map of
 * one: 20,000 maps at 10,000 VirtualServices.
 */
export class RecentVersions {
  private readonly versions = new Map<string, MeshObject | Map<string, MeshObject>>();

  constructor(store: MeshStore) {
    // Read in place: a snapshot here copied the whole mesh just after the first list.
    for (const [, object] of store.entries()) {
      if (object.kind !== 'Invalid') this.remember(object);
    }
    store.subscribe((event) => {
      if (event.type === 'put' && event.object.kind !== 'Invalid') this.remember(event.object);
      if (event.type === 'delete') this.versions.delete(event.key);
    });
  }

  remember(object: MeshObject): void {
    const version = object.metadata.resourceVersion;
    if (!version || READ_ONLY_KINDS.has(object.kind)) return;
    const key = keyOf(object);
    const held = this.versions.get(key);
    const heldVersion = held && !(held instanceof Map) ? held.metadata.resourceVersion : undefined;
    if (held === undefined || heldVersion === version) {
      this.versions.set(key, object);
      return;
    }
    const versions = held instanceof Map ? held : new Map([[heldVersion as string, held]]);
    versions.set(version, object);
    if (versions.size > VERSIONS_PER_OBJECT) {
      const oldest = versions.keys().next().value;
      if (oldest !== undefined) versions.delete(oldest);
    }
    this.versions.set(key, versions);
  }

  get(ref: ObjectRef, resourceVersion: string): MeshObject | undefined {
    const held = this.versions.get(`${ref.kind}/${ref.namespace}/${ref.name}`);
    if (held instanceof Map) return held.get(resourceVersion);
    return held?.metadata.resourceVersion === resourceVersion ? held : undefined;
  }
}
