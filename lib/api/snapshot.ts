import type { MeshSnapshot, ObjectKey } from '../mesh/types';
import type { StoreEvent } from '../store/types';

/** GET /api/snapshot: everything Weir holds that the person may list. */
export type SnapshotAnswer = MeshSnapshot;

/**
 * Where the first graph of a view stands, laid out by the server for the page's first HTML:
 * node id → top-left corner. `view` is the namespaces asked for, joined by newlines.
 */
export interface FirstLayout {
  view: string;
  positions: Record<string, { x: number; y: number }>;
}

/** GET /api/snapshot?at=: the routing as it was at a past time, read-only. */
export interface PastSnapshotAnswer extends MeshSnapshot {
  /** The time asked for, as ISO. */
  at: string;
  /** Objects changed since whose earlier spec was not recorded: shown as they are now. */
  approximate: ObjectKey[];
  /** False when more changes were recorded since than one answer reads. */
  complete: boolean;
}

/** One message of GET /api/events (`data:`), its `id:` being the sequence. */
export type EventMessage = StoreEvent;

/** `event: reset` of GET /api/events: the events asked for are gone; load the snapshot again. */
export interface ResetMessage {
  sequence: number;
}
