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
    // Left out when it fails, on purpose: the write of this change fails the same way and reports it.
    objects[key] = appliedOnce(object, change) ?? object;
  }
  return { ...snapshot, objects };
}

/** Each change's result on each object it was applied to, or FAILED: both are immutable. */
const applied = new WeakMap<MeshObject, WeakMap<MeshChange, MeshObject | typeof FAILED>>();
const FAILED = Symbol('failed');

/**
 * applyChange, once per object and change. The overlay is laid again on every change to the
 * view (each event and each write of a drag, pending, landing and heard back) and every pointer
 * move reads its object through it; applyChange checks every field of its result, which cost
 * more than all the rest of a drag's frame at 10,000 VirtualServices.
 */
function appliedOnce(object: MeshObject, change: MeshChange): MeshObject | undefined {
  const results = applied.get(object) ?? new WeakMap<MeshChange, MeshObject | typeof FAILED>();
  applied.set(object, results);
  let result = results.get(change);
  if (result === undefined) {
    try {
      result = applyChange(object, change);
    } catch {
      result = FAILED;
    }
    results.set(change, result);
  }
  return result === FAILED ? undefined : result;
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
