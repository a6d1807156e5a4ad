import 'server-only';
import { keyOf, parseObjectKey, storedKind } from '../mesh/object-key';
import { selects } from '../mesh/resolve';
import type { MeshSnapshot, ObjectKey, StoredObject } from '../mesh/types';
import { namespacesReferenced } from '../mesh/view-references';
import type { MeshStore } from '../store/types';
import { validate } from '../validate';
import { snapshotWithMeshConfigHidden } from './auth/mesh-config-hidden';

type Counts = { errors: number; warnings: number };

/**
 * Whose views the counts are of: Weir's own (and anyone who may read the mesh config), or
 * those of a person who may not read it, where the outbound policy it sets is unknown
 * (snapshotWithMeshConfigHidden): counted on Weir's view, OUTBOUND_HOST_BLOCKED (an error)
 * against the unknown-policy warning would tell them the policy.
 */
export type ProblemsView = 'weir' | 'mesh-config-hidden';

/** One set of counts, kept up to date on its own: the second is made only once someone asks. */
interface Tally {
  counts: Map<string, Counts>;
  dirty: Set<string>;
  /** Everything is to be counted again (nothing marked is kept meanwhile). */
  everything: boolean;
}

/** Past this share of namespaces to count again, one validation of the mesh is cheaper than one per view. */
const WHOLE_MESH_SHARE = 0.25;

/**
 * Errors and warnings per namespace, as the namespace's own view (`/?namespace=`) shows them:
 * the rules run over MeshStore.snapshot([namespace]) and count the findings in it. An event
 * marks the namespaces whose view it can change (its own, those it points into, those pointing
 * into its namespace, those whose Gateways select a changed pod or the Service beside it), and
 * only those are counted again, when next asked. The first count, and any touching a quarter of
 * the namespaces, validates the whole mesh once instead. Each view (ProblemsView) is counted
 * so, apart: the mesh-config-hidden one only from when a person who may not read the mesh
 * config first asks, and then once for all such people, not once per person.
 */
export class NamespaceProblems {
  private readonly tallies: Record<ProblemsView, Tally> = {
    weir: { counts: new Map(), dirty: new Set(), everything: true },
    'mesh-config-hidden': { counts: new Map(), dirty: new Set(), everything: true },
  };
  // Namespaces each VirtualService or DestinationRule points into, and who points into each.
  private readonly references = new Map<ObjectKey, readonly string[]>();
  private readonly referrers = new Map<string, Map<string, number>>();
  private readonly gateways = new Map<ObjectKey, { namespace: string; selector: Record<string, string> }>();

  /** `marked` hears each namespace an event marks to count again ('all': every one). */
  constructor(
    private readonly store: MeshStore,
    private readonly marked: (namespace: string | 'all') => void = () => {},
  ) {}

  /** Files an object (`before`: as held until now) and marks the namespaces it can change. */
  put(object: StoredObject, before?: StoredObject): void {
    this.touch(object);
    if (before) this.touch(before);
    const key = keyOf(object);
    this.file(key, object);
  }

  /** Files an object held when the index is made (everything is counted on first use anyway). */
  fill(object: StoredObject): void {
    this.file(keyOf(object), object);
  }

  delete(key: ObjectKey, before: StoredObject | undefined): void {
    if (before) this.touch(before);
    else this.mark(parseObjectKey(key).namespace);
    this.file(key, undefined);
  }

  /** Counts for `namespaces` in `view`'s views, brought up to date first. */
  of(namespaces: readonly string[], view: ProblemsView = 'weir'): ReadonlyMap<string, Counts> {
    const tally = this.tallies[view];
    const seen = (snapshot: MeshSnapshot) =>
      view === 'weir' ? snapshot : snapshotWithMeshConfigHidden(snapshot);
    if (tally.everything || tally.dirty.size > Math.max(8, namespaces.length * WHOLE_MESH_SHARE)) {
      tally.counts.clear();
      for (const finding of validate(seen(this.store.snapshot())))
        add(tally.counts, finding.ref.namespace, finding.severity);
      tally.everything = false;
    } else {
      for (const namespace of tally.dirty) {
        tally.counts.delete(namespace);
        if (!namespace) continue;
        for (const finding of validate(seen(this.store.snapshot([namespace]))))
          if (finding.ref.namespace === namespace) add(tally.counts, namespace, finding.severity);
      }
    }
    tally.dirty.clear();
    return tally.counts;
  }

  private mark(namespace: string): void {
    for (const tally of Object.values(this.tallies)) if (!tally.everything) tally.dirty.add(namespace);
    this.marked(namespace);
  }

  private touch(object: StoredObject): void {
    const kind = storedKind(object);
    const home = kind === 'Namespace' ? object.metadata.name : (object.metadata.namespace ?? '');
    this.mark(home);
    for (const namespace of namespacesReferenced(object)) this.mark(namespace);
    for (const namespace of this.referrers.get(home)?.keys() ?? []) this.mark(namespace);
    // A Gateway's view holds the pods it selects and the Services beside them, anywhere.
    const labels =
      object.kind === 'Pod'
        ? object.metadata.labels
        : object.kind === 'Service'
          ? (object.spec as { selector?: Record<string, string> }).selector
          : undefined;
    if (labels && Object.keys(labels).length > 0) {
      for (const gateway of this.gateways.values())
        if (Object.keys(gateway.selector).length > 0 && selects(gateway.selector, labels))
          this.mark(gateway.namespace);
    }
    // A ServiceEntry is exported anywhere; the mesh config and Sidecars (a root namespace's is
    // every namespace's default) set the outbound policy the rules read everywhere.
    if (kind === 'ServiceEntry' || kind === 'ConfigMap' || kind === 'Sidecar') this.recountAll();
  }

  /** Every namespace is counted again (the mesh config became known or unknown). */
  recountAll(): void {
    for (const tally of Object.values(this.tallies)) {
      tally.everything = true;
      tally.dirty.clear();
    }
    this.marked('all');
  }

  private file(key: ObjectKey, object: StoredObject | undefined): void {
    const home = parseObjectKey(key).namespace;
    for (const namespace of this.references.get(key) ?? []) count(this.referrers, namespace, home, -1);
    this.references.delete(key);
    this.gateways.delete(key);
    if (!object) return;
    const references = namespacesReferenced(object);
    if (references.length > 0) this.references.set(key, references);
    for (const namespace of references) count(this.referrers, namespace, home, 1);
    if (object.kind === 'Gateway') {
      const selector = (object.spec as { selector?: unknown }).selector;
      this.gateways.set(key, { namespace: home, selector: stringRecord(selector) });
    }
  }
}

function add(counts: Map<string, Counts>, namespace: string, severity: string): void {
  if (severity !== 'error' && severity !== 'warning') return;
  const held = counts.get(namespace) ?? { errors: 0, warnings: 0 };
  if (severity === 'error') held.errors += 1;
  else held.warnings += 1;
  counts.set(namespace, held);
}

function count(map: Map<string, Map<string, number>>, into: string, from: string, by: number): void {
  const inner = map.get(into) ?? new Map<string, number>();
  const next = (inner.get(from) ?? 0) + by;
  if (next <= 0) inner.delete(from);
  else inner.set(from, next);
  if (inner.size === 0) map.delete(into);
  else map.set(into, inner);
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
