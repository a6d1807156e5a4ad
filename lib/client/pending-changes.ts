import { applyChange, type MeshChange } from '../mesh/changes';
import { objectKey } from '../mesh/object-key';
import type { MeshObject, MeshSnapshot, ObjectKey } from '../mesh/types';

/** A change still being written, with the version of its object it was made against. */
export interface PendingChange {
  change: MeshChange;
  resourceVersion: string;
}

/**
 * The snapshot as it will be once the changes still in flight are written: what the screen
 * shows, for every kind a change edits (a VirtualService's weights and destinations, a
 * Gateway API rule's backends). Shown for VirtualServices only, an HTTPRoute fell back to its
 * weights before a write between a slider's draft going and the answer being drawn, and a key
 * step taken then repeated the last one (nothing written).
 *
 * A change is applied only to the version it was made against, or to one this browser's own
 * earlier writes led to from it (`reached`): the stream can bring the written object before
 * the answer does, and a removal by position applied again to it removed a second backend.
 * A change that no longer applies (its route is gone) is left out; the server's answer to it
 * says why.
 */
export function withPendingChanges(
  snapshot: MeshSnapshot,
  pending: readonly PendingChange[],
  reached: (key: ObjectKey, version: string) => string = (_, version) => version,
): MeshSnapshot {
  if (pending.length === 0) return snapshot;
  const objects = { ...snapshot.objects };
  for (const { change, resourceVersion } of pending) {
    const key = objectKey(change.target);
    const held = snapshot.objects[key];
    const object = objects[key];
    if (!held || !object || object.kind === 'Invalid') continue;
    if (held.metadata.resourceVersion !== reached(key, resourceVersion)) continue;
    try {
      objects[key] = applyChange(object, change);
    } catch {
      // Left out on purpose: the write of this change fails the same way and reports it.
    }
  }
  return { ...snapshot, objects };
}

/**
 * The snapshot with one object as the server answered it, unless the live stream already
 * brought a newer version (resourceVersions compare as numbers when both are numbers).
 */
export function withObject(snapshot: MeshSnapshot, object: MeshObject): MeshSnapshot {
  const key = objectKey({
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  });
  if (isOlderVersion(snapshot.objects[key], object)) return snapshot;
  return { ...snapshot, objects: { ...snapshot.objects, [key]: object } };
}

type Versioned = { metadata: { resourceVersion?: string } };

/**
 * Whether `incoming` is an older version of the object held: both resourceVersions numbers
 * and the held one larger. Only for the answer to a write (the stream may have brought a
 * newer version first); a stream event is judged by `Superseded` instead, as a version number
 * says nothing across API servers (a kubeconfig now naming another cluster) and the folder's
 * versions are hashes.
 */
function isOlderVersion(held: Versioned | undefined, incoming: Versioned): boolean {
  const had = held?.metadata.resourceVersion;
  const got = incoming.metadata.resourceVersion;
  return !!had && !!got && /^\d+$/.test(had) && /^\d+$/.test(got) && BigInt(had) > BigInt(got);
}
