import type { EventMessage } from '../api/snapshot';
import type { MeshSnapshot } from '../mesh/types';

/**
 * The snapshot after one store event. Events at or below the snapshot's sequence are already
 * in it (a resumed stream may repeat them) and leave it as it is.
 */
export function applyEvent(snapshot: MeshSnapshot, event: EventMessage): MeshSnapshot {
  if (event.sequence <= snapshot.sequence) return snapshot;
  switch (event.type) {
    case 'put':
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
