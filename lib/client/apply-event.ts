import type { EventMessage } from '../api/snapshot';
import type { MeshSnapshot } from '../mesh/types';

type Versioned = { metadata: { resourceVersion?: string } };

/**
 * Whether `incoming` is an older version of the object held: both resourceVersions numbers
 * (the API server's are etcd revisions; the folder's are numbers too) and the held one larger.
 * The answer to this browser's own write lands before the stream's echo of the write before
 * it: that echo must not put the older weights back (a key press then read them, wrote the
 * same step again, and the step was lost).
 */
export function isOlderVersion(held: Versioned | undefined, incoming: Versioned): boolean {
  const had = held?.metadata.resourceVersion;
  const got = incoming.metadata.resourceVersion;
  return !!had && !!got && /^\d+$/.test(had) && /^\d+$/.test(got) && BigInt(had) > BigInt(got);
}

/**
 * The snapshot after one store event. Events at or below the snapshot's sequence are already
 * in it (a resumed stream may repeat them) and leave it as it is.
 */
export function applyEvent(snapshot: MeshSnapshot, event: EventMessage): MeshSnapshot {
  if (event.sequence <= snapshot.sequence) return snapshot;
  switch (event.type) {
    case 'put':
      if (isOlderVersion(snapshot.objects[event.key], event.object))
        return { ...snapshot, sequence: event.sequence };
      return {
        ...snapshot,
        sequence: event.sequence,
        objects: { ...snapshot.objects, [event.key]: event.object },
      };
    case 'delete': {
      const { [event.key]: _removed, ...objects } = snapshot.objects;
      return { ...snapshot, sequence: event.sequence, objects };
    }
    case 'sync':
      return { ...snapshot, sequence: event.sequence, sync: event.sync };
  }
}

/** Applies a batch of events in order (one cache write per batch instead of one per event). */
export function applyEvents(snapshot: MeshSnapshot, events: readonly EventMessage[]): MeshSnapshot {
  return events.reduce(applyEvent, snapshot);
}
