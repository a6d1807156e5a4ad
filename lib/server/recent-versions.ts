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
 */
export class RecentVersions {
  private readonly versions = new Map<string, Map<string, MeshObject>>();

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
    const held = this.versions.get(key) ?? new Map<string, MeshObject>();
    held.set(version, object);
    if (held.size > VERSIONS_PER_OBJECT) {
      const oldest = held.keys().next().value;
      if (oldest !== undefined) held.delete(oldest);
    }
    this.versions.set(key, held);
  }

  get(ref: ObjectRef, resourceVersion: string): MeshObject | undefined {
    return this.versions.get(`${ref.kind}/${ref.namespace}/${ref.name}`)?.get(resourceVersion);
  }
}
