import type { MeshChange } from './changes';
import type { ObjectRef, RouteKind } from './types';

/** One destination of a route and the share of traffic Istio sends it (effective %). */
export interface DestinationWeight {
  host: string;
  subset?: string;
  port?: number;
  weight: number;
}

/** The weighted part of one route before and after a change: what a history line shows. */
export interface RouteWeightsChange {
  routeKind: RouteKind;
  routeIndex: number;
  name?: string;
  before: DestinationWeight[];
  after: DestinationWeight[];
}

/** One version of the changed object as recorded (the spec only when it fits). */
export interface RecordedVersion {
  resourceVersion?: string;
  spec?: unknown;
}

/**
 * One change to routing, made through Weir (`source: 'weir'`, with the person who made it and
 * their note) or seen through the watch (`source: 'external'`, user from managedFields).
 */
export interface HistoryEntry {
  id: string;
  object: ObjectRef;
  user: string;
  /** ISO time of the change. */
  time: string;
  source: 'weir' | 'external';
  /** One line: `catalog http[0]: v1 90% → 75%, v2 10% → 25%`. */
  summary: string;
  note?: string;
  /** The change record Weir applied (source weir). */
  change?: MeshChange;
  /** The routes whose destinations or weights changed. */
  routes: RouteWeightsChange[];
  before?: RecordedVersion;
  after?: RecordedVersion;
}

/** What to list: any of these narrows the answer; times are ISO and inclusive. */
export interface HistoryFilter {
  namespaces?: readonly string[];
  kind?: string;
  name?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/** Whether an entry passes a filter (every backend applies the same test). */
export function matchesHistoryFilter(entry: HistoryEntry, filter: HistoryFilter): boolean {
  if (
    filter.namespaces &&
    filter.namespaces.length > 0 &&
    !filter.namespaces.includes(entry.object.namespace)
  ) {
    return false;
  }
  if (filter.kind && entry.object.kind !== filter.kind) return false;
  if (filter.name && entry.object.name !== filter.name) return false;
  const time = Date.parse(entry.time);
  if (filter.from && time < Date.parse(filter.from)) return false;
  if (filter.to && time > Date.parse(filter.to)) return false;
  return true;
}

/** Newest first; entries of the same instant keep a stable order by id. */
export function newestFirst(a: HistoryEntry, b: HistoryEntry): number {
  return Date.parse(b.time) - Date.parse(a.time) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
