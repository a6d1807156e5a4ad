import 'server-only';
import { OverviewTally } from '../graph/overview-tally';
import { SearchIndex } from '../graph/search-index';
import type { ObjectKey, StoredObject } from '../mesh/types';
import type { MeshStore, StoreEvent } from '../store/types';
import { NamespaceProblems } from './overview-problems';

/**
 * What the overview and the search read, for one store: the per-namespace sums, the search
 * terms and the problem counts, filled once from the store's snapshot and then kept up to
 * date by its events (each costs what the object holds). One per store, made on first use.
 */
export interface OverviewIndex {
  tally: OverviewTally;
  search: SearchIndex;
  problems: NamespaceProblems;
  /**
   * The namespaces whose overview entry (counts, links, problems) an event after `sequence`
   * may have changed; undefined when that reaches back before the index was made.
   */
  changedSince(sequence: number): Set<string> | undefined;
  /** Calls `listener` after each event the index took in; returns the unsubscribe function. */
  listen(listener: () => void): () => void;
}

// On globalThis: the pages and the route handlers are bundled apart, each with its own copy of
// this module, and a WeakMap of each copy made the index twice (two sets of ~150,000 records,
// 25–30 MB at 10,000 VirtualServices, each event taken in twice) once both had served.
const KEY = Symbol.for('weir.overviewIndexes');
function indexes(): WeakMap<MeshStore, OverviewIndex> {
  const holder = globalThis as { [KEY]?: WeakMap<MeshStore, OverviewIndex> };
  holder[KEY] ??= new WeakMap();
  return holder[KEY];
}

/** The store's index, made and subscribed to its events on first use. */
export function overviewIndexOf(store: MeshStore): OverviewIndex {
  let index = indexes().get(store);
  if (index) return index;
  // The sequence of the event that last changed each namespace's entry; `all` changed them all.
  const changedAt = new Map<string, number>();
  let allChangedAt = -1;
  let marking: { sequence: number } | undefined;
  const mark = (namespace: string | 'all') => {
    if (!marking) return;
    if (namespace === 'all') allChangedAt = marking.sequence;
    else changedAt.set(namespace, marking.sequence);
  };
  const tally = new OverviewTally();
  const problems = new NamespaceProblems(store, mark);
  const listeners = new Set<() => void>();
  const made: OverviewIndex = {
    tally,
    search: new SearchIndex(),
    problems,
    changedSince(sequence) {
      // Older than this index, or newer than the store (a sequence of a process before a
      // restart): what changed cannot be told, so the browser must read the overview again.
      if (sequence < startedAt || sequence > store.sequence()) return undefined;
      if (allChangedAt > sequence) return new Set([...tally.namespaces(), ...changedAt.keys()]);
      return new Set([...changedAt].filter(([, at]) => at > sequence).map(([namespace]) => namespace));
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const held = new Map<ObjectKey, StoredObject>();
  const put = (key: ObjectKey, object: StoredObject, filling = false) => {
    const before = held.get(key);
    held.set(key, object);
    for (const namespace of tally.touchedBy(key)) mark(namespace);
    tally.put(key, object);
    for (const namespace of tally.touchedBy(key)) mark(namespace);
    made.search.put(key, object);
    if (filling) problems.fill(object);
    else problems.put(object, before);
  };
  // Subscribed before reading the snapshot, in the same turn: no event falls between the two.
  let meshConfigUnknown = store.syncStatus().meshConfig?.unknown;
  store.subscribe((event: StoreEvent) => {
    if (event.type === 'sync') {
      // The mesh config became known or unknown: the outbound rules may say otherwise anywhere.
      const unknown = event.sync.meshConfig?.unknown;
      if (unknown === meshConfigUnknown) return;
      meshConfigUnknown = unknown;
      marking = { sequence: event.sequence };
      problems.recountAll();
      marking = undefined;
      for (const listener of listeners) listener();
      return;
    }
    marking = { sequence: event.sequence };
    if (event.type === 'put') put(event.key, event.object);
    else {
      const before = held.get(event.key);
      held.delete(event.key);
      for (const namespace of tally.touchedBy(event.key)) mark(namespace);
      tally.delete(event.key);
      made.search.delete(event.key);
      problems.delete(event.key, before);
    }
    marking = undefined;
    for (const listener of listeners) listener();
  });
  const startedAt = store.sequence();
  for (const [key, object] of store.entries()) put(key, object, true);
  index = made;
  indexes().set(store, index);
  return index;
}
