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
}

const indexes = new WeakMap<MeshStore, OverviewIndex>();

/** The store's index, made and subscribed to its events on first use. */
export function overviewIndexOf(store: MeshStore): OverviewIndex {
  let index = indexes.get(store);
  if (index) return index;
  const made: OverviewIndex = {
    tally: new OverviewTally(),
    search: new SearchIndex(),
    problems: new NamespaceProblems(store),
  };
  const held = new Map<ObjectKey, StoredObject>();
  const put = (key: ObjectKey, object: StoredObject, filling = false) => {
    const before = held.get(key);
    held.set(key, object);
    made.tally.put(key, object);
    made.search.put(key, object);
    if (filling) made.problems.fill(object);
    else made.problems.put(object, before);
  };
  // Subscribed before reading the snapshot, in the same turn: no event falls between the two.
  store.subscribe((event: StoreEvent) => {
    if (event.type === 'put') put(event.key, event.object);
    else if (event.type === 'delete') {
      const before = held.get(event.key);
      held.delete(event.key);
      made.tally.delete(event.key);
      made.search.delete(event.key);
      made.problems.delete(event.key, before);
    }
  });
  for (const [key, object] of Object.entries(store.snapshot().objects)) put(key, object, true);
  index = made;
  indexes.set(store, index);
  return index;
}
