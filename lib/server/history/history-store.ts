import 'server-only';
import type { HistoryEntry, HistoryFilter } from '../../mesh/history';

/** Where changes to routing are recorded durably: RoutingChange resources, or a file. */
export interface HistoryStore {
  /** What the store is, for messages: `RoutingChange resources (weir.dev)`. */
  readonly description: string;
  /**
   * Records one change. `dedupeKey` names the record so that the same outside change, seen
   * by several Weir replicas, is written once (a second write of the same key is a no-op).
   */
  record(entry: Omit<HistoryEntry, 'id'>, dedupeKey?: string): Promise<HistoryEntry | undefined>;
  /** The entries that pass the filter, newest first. */
  list(filter: HistoryFilter): Promise<HistoryEntry[]>;
}
