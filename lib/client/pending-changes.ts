import { applyChange, type MeshChange } from '../mesh/changes';
import { objectKey } from '../mesh/object-key';
import type { MeshObject, MeshSnapshot } from '../mesh/types';

/**
 * The snapshot as it will be once the changes still in flight are written: what the screen
 * shows, for every kind a change edits (a VirtualService's weights, a Gateway API route's
 * backends, a form's spec). Shown for one kind only, the others fell back to the version
 * before the write for the moment between a slider's draft going and the answer being drawn,
 * and a key step taken then repeated the last one (nothing written). A change that no longer
 * applies (its route is gone) is left out; the server's answer to it says why.
 */
export function withPendingChanges(snapshot: MeshSnapshot, changes: readonly MeshChange[]): MeshSnapshot {
  if (changes.length === 0) return snapshot;
  const objects = { ...snapshot.objects };
  for (const change of changes) {
    const key = objectKey(change.target);
    const object = objects[key];
    if (!object || object.kind === 'Invalid') continue;
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
