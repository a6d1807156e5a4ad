import type { EventMessage } from '../api/snapshot';
import type { MeshSnapshot } from '../mesh/types';

/**
 * Whether the version `held` of `key` came from `incoming` through this browser's own writes
 * alone: the stream's echo of an earlier write, arriving after the answer to a later one.
 * Putting it back would show older weights until the next echo, and a key press then read
 * them, wrote the same step again, and the step was lost.
 */
export type Superseded = (key: string, held: string, incoming: string) => boolean;

/**
 * The snapshot after one store event. Events at or below the snapshot's sequence are already
 * in it (a resumed stream may repeat them) and leave it as it is; a put that `superseded`
 * says this browser's own later write already replaced only advances the sequence.
 */
export function applyEvent(
  snapshot: MeshSnapshot,
  event: EventMessage,
  superseded?: Superseded,
): MeshSnapshot {
  if (event.sequence <= snapshot.sequence) return snapshot;
  switch (event.type) {
    case 'put': {
      const held = snapshot.objects[event.key]?.metadata.resourceVersion;
      const incoming = event.object.metadata.resourceVersion;
      if (held && incoming && held !== incoming && superseded?.(event.key, held, incoming))
        return { ...snapshot, sequence: event.sequence };
      return {
        ...snapshot,
        sequence: event.sequence,
        objects: { ...snapshot.objects, [event.key]: event.object },
      };
    }
    case 'delete': {
      const { [event.key]: _removed, ...objects } = snapshot.objects;
      return { ...snapshot, sequence: event.sequence, objects };
    }
    case 'sync':
      return { ...snapshot, sequence: event.sequence, sync: event.sync };
  }
}

/** Applies a batch of events in order (one cache write per batch instead of one per event). */
export function applyEvents(
  snapshot: MeshSnapshot,
  events: readonly EventMessage[],
  superseded?: Superseded,
): MeshSnapshot {
  return events.reduce((held, event) => applyEvent(held, event, superseded), snapshot);
}
