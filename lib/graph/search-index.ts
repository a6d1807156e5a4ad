import type { SearchHit } from '../api/overview';
import { storedKind } from '../mesh/object-key';
import type { Kind, ObjectKey, StoredObject } from '../mesh/types';

/** A hit with where it came from, for the caller's visibility check. */
export interface IndexedHit extends SearchHit {
  key: ObjectKey;
}

interface Entry {
  kind: Kind;
  namespace: string;
  name: string;
  /** Names and hosts as written, and lower-cased for matching. */
  terms: { text: string; lower: string }[];
}

// Shown first for a query that matches several kinds equally well.
const KIND_ORDER: Record<string, number> = {
  Namespace: 0,
  VirtualService: 1,
  Service: 2,
  ServiceEntry: 3,
  Gateway: 4,
  DestinationRule: 5,
};

/**
 * Names and hosts of every object but pods, kept by put and delete, so a search is answered
 * without reading the objects: a Namespace by name; a VirtualService, ServiceEntry, Gateway
 * or DestinationRule by name and the hosts it lists; a Service by name and its cluster host.
 */
export class SearchIndex {
  private readonly entries = new Map<ObjectKey, Entry>();

  put(key: ObjectKey, object: StoredObject): void {
    const entry = entryOf(object);
    if (entry) this.entries.set(key, entry);
    else this.entries.delete(key);
  }

  delete(key: ObjectKey): void {
    this.entries.delete(key);
  }

  /**
   * Every object a name or host of which holds `query` (case-insensitive), best first: an exact
   * match, then one that starts with it, then one that holds it; then by kind, namespace, name.
   */
  search(query: string): IndexedHit[] {
    const wanted = query.trim().toLowerCase();
    if (!wanted) return [];
    const found: { hit: IndexedHit; score: number }[] = [];
    for (const [key, entry] of this.entries) {
      let best: { score: number; text: string } | undefined;
      for (const term of entry.terms) {
        const at = term.lower.indexOf(wanted);
        if (at < 0) continue;
        const score = term.lower === wanted ? 0 : at === 0 ? 1 : 2;
        if (!best || score < best.score) best = { score, text: term.text };
      }
      if (!best) continue;
      const { kind, namespace, name } = entry;
      found.push({ hit: { key, kind, namespace, name, matched: best.text }, score: best.score });
    }
    found.sort(
      (a, b) =>
        a.score - b.score ||
        (KIND_ORDER[a.hit.kind] ?? 9) - (KIND_ORDER[b.hit.kind] ?? 9) ||
        compare(a.hit.namespace, b.hit.namespace) ||
        compare(a.hit.name, b.hit.name),
    );
    return found.map(({ hit }) => hit);
  }
}

function entryOf(object: StoredObject): Entry | undefined {
  const kind = storedKind(object);
  if (kind === 'Pod' || !(kind in KIND_ORDER)) return undefined;
  const name = object.metadata.name;
  const namespace = kind === 'Namespace' ? name : (object.metadata.namespace ?? '');
  const texts = [name];
  if (object.kind !== 'Invalid') {
    const spec = record(object.spec);
    if (object.kind === 'VirtualService' || object.kind === 'ServiceEntry')
      texts.push(...strings(spec.hosts));
    if (object.kind === 'DestinationRule') texts.push(...strings([spec.host]));
    if (object.kind === 'Service') texts.push(`${name}.${namespace}.svc.cluster.local`);
    if (object.kind === 'Gateway') {
      for (const server of Array.isArray(spec.servers) ? spec.servers : [])
        for (const host of strings(record(server).hosts)) texts.push(host.slice(host.indexOf('/') + 1));
    }
  }
  const terms = [...new Set(texts)].map((text) => ({ text, lower: text.toLowerCase() }));
  return { kind: kind as Kind, namespace, name, terms };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
