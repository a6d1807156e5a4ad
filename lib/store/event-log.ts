import 'server-only';
import { deepEqual } from '../mesh/deep-equal';
import { keyOf, objectKey, storedKind } from '../mesh/object-key';
import { heldRootNamespace } from '../mesh/outbound-policy';
import { DEFAULT_MESH_CONFIG_PLACE } from '../mesh/outbound-schemas';
import type { MeshSnapshot, ObjectKey, StoredObject, SyncStatus } from '../mesh/types';
import type { StoreEvent } from './types';
import { ViewIndex } from './view-index';

const DEFAULT_CAPACITY = 5_000;

type Listener = (event: StoreEvent) => void;

/**
 * What a backend holds: the latest object per key, a sequence that grows with every change,
 * the recent events (for resuming a stream) and the sync status. Both backends feed it.
 */
export class EventLog {
  private readonly objects = new Map<ObjectKey, StoredObject>();
  // The recent events from `first` on (those before it are let go): trimming one at a time
  // with splice moved the whole array per event, 51,000 times while a 10,000-VirtualService
  // mesh was first listed (0.5 s of its start in a CPU profile).
  private events: Array<StoreEvent | undefined> = [];
  private first = 0;
  private readonly listeners = new Set<Listener>();
  private readonly views: ViewIndex;
  private sequence = 0;
  private sync: SyncStatus;

  constructor(
    source: Pick<SyncStatus, 'backend' | 'source' | 'demo' | 'meshConfig'>,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {
    this.sync = { ...source, synced: false, syncedAt: new Date(0).toISOString() };
    this.views = new ViewIndex(
      (key) => this.objects.get(key),
      () => {
        const where = this.sync.meshConfig ?? DEFAULT_MESH_CONFIG_PLACE;
        const held = this.objects.get(objectKey({ kind: 'ConfigMap', ...where }));
        return heldRootNamespace(held, this.sync.meshConfig);
      },
    );
  }

  /** Everything held, or with `namespaces` what a view of them shows (see ViewIndex). */
  snapshot(namespaces?: readonly string[]): MeshSnapshot {
    const synced = this.syncStatus();
    if (namespaces === undefined)
      return { sequence: this.sequence, objects: Object.fromEntries(this.objects), sync: synced };
    const objects: Record<ObjectKey, StoredObject> = {};
    for (const key of this.views.scope(namespaces)) {
      const object = this.objects.get(key);
      if (object) objects[key] = object;
    }
    return { sequence: this.sequence, objects, sync: synced, namespaces: this.views.namespaceNames() };
  }

  /** The sync status as a snapshot would carry it (a synced one is current as of now). */
  syncStatus(): SyncStatus {
    return this.sync.synced ? { ...this.sync, syncedAt: new Date().toISOString() } : this.sync;
  }

  /**
   * Every object held, read in place: copying them into a snapshot's record was 50,000 entries
   * (and their garbage) per reader at 10,000 VirtualServices. Read it through without waiting
   * in between: each event changes what it walks.
   */
  entries(): IterableIterator<[ObjectKey, StoredObject]> {
    return this.objects.entries();
  }

  /** The sequence number of the last event. */
  lastSequence(): number {
    return this.sequence;
  }

  /** The keys a view of `namespaces` holds now. */
  viewScope(namespaces: readonly string[]): ReadonlySet<ObjectKey> {
    return this.views.scope(namespaces);
  }

  get(key: ObjectKey): StoredObject | undefined {
    return this.objects.get(key);
  }

  /** Events after `sequence`; undefined when some of them are no longer kept. */
  eventsSince(sequence: number): StoreEvent[] | undefined {
    if (sequence > this.sequence) return undefined;
    if (sequence === this.sequence) return [];
    const first = this.events[this.first];
    if (!first || first.sequence > sequence + 1) return undefined;
    // Sequences are consecutive: the one after `sequence` sits at a known place.
    return this.events.slice(this.first + Math.max(0, sequence + 1 - first.sequence)) as StoreEvent[];
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores an object; an identical one (a resync that changed nothing) makes no event. */
  put(object: StoredObject): void {
    const key = keyOf(object);
    const held = this.objects.get(key);
    if (held && deepEqual(held, object)) return;
    this.objects.set(key, object);
    this.views.put(object, held);
    this.emit({ sequence: ++this.sequence, type: 'put', key, object });
  }

  delete(key: ObjectKey): void {
    const held = this.objects.get(key);
    if (!held) return;
    this.objects.delete(key);
    this.views.delete(key, held);
    this.emit({ sequence: ++this.sequence, type: 'delete', key });
  }

  /**
   * A full list of one kind: puts what changed and deletes what is gone (with `within`, only
   * among the keys it accepts: a list of one namespace).
   */
  replaceKind(kind: string, fresh: Map<ObjectKey, StoredObject>, within?: (key: ObjectKey) => boolean): void {
    for (const [key, object] of this.objects) {
      if (storedKind(object) === kind && !fresh.has(key) && (!within || within(key))) this.delete(key);
    }
    for (const object of fresh.values()) this.put(object);
  }

  /** Where the data now comes from (a kubeconfig read again may name another server). */
  setSource(source: string): void {
    this.sync = { ...this.sync, source };
  }

  /** Kinds Weir would show but the source does not serve (an optional API's CRDs are absent). */
  setNotServed(kinds: string[]): void {
    const next: SyncStatus = { ...this.sync, notServed: kinds };
    if (kinds.length === 0) delete next.notServed;
    this.sync = next;
    this.emit({ sequence: ++this.sequence, type: 'sync', sync: next });
  }

  /**
   * The mesh config's list ended without it (`unknown`: Weir may not read it; undefined: it
   * does not exist): the state is set first, so the delete of a ConfigMap held before goes out
   * while the state already says why (not known, as if the delete meant Istio's defaults).
   */
  meshConfigListEnded(kind: string, unknown: string | undefined): void {
    this.setMeshConfigUnknown(unknown);
    this.replaceKind(kind, new Map());
  }

  /**
   * Whether the mesh config is known (`unknown`: why not); a change makes a sync event. Where
   * it lives stays as the constructor was given it.
   */
  setMeshConfigUnknown(unknown: string | undefined): void {
    const held = this.sync.meshConfig;
    if (!held || held.unknown === unknown) return;
    const { unknown: _was, ...place } = held;
    this.sync = { ...this.sync, meshConfig: unknown === undefined ? place : { ...place, unknown } };
    this.emit({ sequence: ++this.sequence, type: 'sync', sync: this.sync });
  }

  /** Whether the data is current; `stale`: not current because the source went silent. */
  setSync(synced: boolean, error?: string, stale = false): void {
    const next: SyncStatus = {
      ...this.sync,
      synced,
      stale: !synced && stale ? true : undefined,
      error: synced ? undefined : error,
      syncedAt: synced || this.sync.synced ? new Date().toISOString() : this.sync.syncedAt,
    };
    if (next.stale === undefined) delete next.stale;
    if (next.synced === this.sync.synced && next.error === this.sync.error && next.stale === this.sync.stale)
      return;
    this.sync = next;
    this.emit({ sequence: ++this.sequence, type: 'sync', sync: next });
  }

  private emit(event: StoreEvent): void {
    this.events.push(event);
    if (this.events.length - this.first > this.capacity) this.events[this.first++] = undefined;
    if (this.first >= this.capacity) {
      this.events = this.events.slice(this.first);
      this.first = 0;
    }
    for (const listener of this.listeners) listener(event);
  }
}
