import 'server-only';
import { deepEqual } from '../../mesh/deep-equal';
import { GATEWAY_ROUTE_KINDS } from '../../mesh/gateway-api-types';
import type { HistoryEntry } from '../../mesh/history';
import { latestManager, maybeWeirs, WEIR_FIELD_MANAGER } from '../../mesh/managed-by';
import { ISTIO_KINDS, type MeshObject, type ObjectKey, type StoredObject } from '../../mesh/types';
import type { MeshStore, StoreEvent } from '../../store/types';
import { trackWrite } from '../lifecycle';
import { countHistoryFailure } from '../metrics';
import { externalDedupeKey, externalEntry, ownDedupeKey } from './entries';
import type { HistoryStore } from './history-store';

type Put = Extract<StoreEvent, { type: 'put' }>;
type Delete = Extract<StoreEvent, { type: 'delete' }>;

/**
 * How long a change that may be another replica's own write waits before it is recorded as
 * made outside Weir (a deletion, which names nobody; a version whose newest managers tie
 * with Weir's): the replica that made it records it first under the same name, and this
 * record then is not made.
 */
const DEFER_MS = 2_000;

// Istio's routing objects, the Gateway API's routes and Gateways: the objects Weir edits.
const RECORDED: readonly string[] = [...ISTIO_KINDS, ...GATEWAY_ROUTE_KINDS, 'KubernetesGateway'];
const isIstio = (object: StoredObject | undefined): object is MeshObject =>
  object !== undefined && object.kind !== 'Invalid' && RECORDED.includes(object.kind);

/**
 * Records every change to Istio routing objects and Gateway API routes: Weir's own writes through `record` (called by
 * the write path, with who and why), and changes made outside Weir as the store sees them.
 * The first full list is the baseline, not a change.
 */
export class HistoryRecorder {
  private readonly last = new Map<ObjectKey, MeshObject>();
  private readonly pending = new Map<ObjectKey, { count: number; events: Array<Put | Delete> }>();
  private readonly own = new Set<string>();
  private readonly recording = new Set<Promise<unknown>>();
  private baseline = false;
  private unsubscribe?: () => void;
  private failures = 0;

  constructor(
    private readonly store: MeshStore,
    readonly history: HistoryStore,
    private readonly backend: 'kube' | 'files',
  ) {}

  start(): void {
    // Read in place, not through a snapshot: that copied the whole mesh just after the first list.
    for (const [key, object] of this.store.entries()) if (isIstio(object)) this.last.set(key, object);
    this.baseline = this.store.syncStatus().synced;
    this.unsubscribe = this.store.subscribe((event) => this.onEvent(event));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /**
   * Records a change Weir made, named by the version it made: other replicas, seeing it
   * through their watches, record nothing over it.
   */
  record(entry: Omit<HistoryEntry, 'id'>): Promise<HistoryEntry | undefined> {
    const recording = this.history.record(entry, ownDedupeKey(entry));
    this.recording.add(recording);
    const done = () => this.recording.delete(recording);
    recording.then(done, done);
    return recording;
  }

  /**
   * Resolves once the records under way now are made (or failed): a write answers before its
   * record is made, and a person reading history just after must still find it.
   */
  async settled(): Promise<void> {
    if (this.recording.size > 0) await Promise.allSettled([...this.recording]);
  }

  /**
   * Marks a write of Weir's in flight for `key`: the store's events for that key meanwhile
   * are judged once it is done, against the version it wrote.
   */
  async ownWrite<T extends MeshObject>(key: ObjectKey, write: () => Promise<T>): Promise<T> {
    const held = this.pending.get(key) ?? { count: 0, events: [] };
    held.count += 1;
    this.pending.set(key, held);
    let written: T | undefined;
    try {
      written = await write();
      return written;
    } finally {
      if (written?.metadata.resourceVersion) this.rememberOwn(key, written.metadata.resourceVersion);
      held.count -= 1;
      if (held.count === 0) {
        this.pending.delete(key);
        // A folder write is one event inside the write itself: all of it is Weir's.
        for (const event of held.events) this.judge(event, this.backend === 'files');
      }
    }
  }

  /**
   * Marks Weir's own delete of `key` at `resourceVersion`: the watch's delete event, which on a
   * cluster may come after the write returns, is then not recorded as a change made outside.
   */
  async ownDelete<T>(key: ObjectKey, resourceVersion: string, remove: () => Promise<T>): Promise<T> {
    const marker = `deleted:${key}@${resourceVersion}`;
    this.own.add(marker);
    try {
      let removed: T | undefined;
      await this.ownWrite(key, async () => {
        removed = await remove();
        return undefined as unknown as MeshObject;
      });
      return removed as T;
    } catch (error) {
      this.own.delete(marker);
      throw error;
    }
  }

  private rememberOwn(key: ObjectKey, resourceVersion: string): void {
    this.own.add(`${key}@${resourceVersion}`);
    if (this.own.size > 1000) this.own.delete(this.own.values().next().value as string);
  }

  private onEvent(event: StoreEvent): void {
    if (event.type === 'sync') {
      if (event.sync.synced) this.baseline = true;
      return;
    }
    const held = this.pending.get(event.key);
    if (held) held.events.push(event);
    else this.judge(event, false);
  }

  private judge(event: Put | Delete, ours: boolean): void {
    const before = this.last.get(event.key);
    if (event.type === 'delete') {
      this.last.delete(event.key);
      const own = before && this.own.delete(`deleted:${event.key}@${before.metadata.resourceVersion}`);
      if (before && this.baseline && !ours && !own)
        this.write(
          externalEntry({ before, after: undefined, unknownUser: 'unknown' }),
          externalDedupeKey(before, true),
          this.backend === 'kube',
        );
      return;
    }
    const after = event.object;
    if (!isIstio(after)) return;
    this.last.set(event.key, after);
    if (!this.baseline || ours) return;
    if (this.own.has(`${event.key}@${after.metadata.resourceVersion ?? ''}`)) return;
    if (latestManager(after.metadata)?.manager === WEIR_FIELD_MANAGER) return;
    if (before && deepEqual(before.spec, after.spec)) return;
    const unknownUser = this.backend === 'files' ? 'edited on disk' : 'unknown';
    this.write(
      externalEntry({ before, after, unknownUser }),
      externalDedupeKey(after, false),
      this.backend === 'kube' && maybeWeirs(after.metadata),
    );
  }

  private write(entry: Omit<HistoryEntry, 'id'>, dedupeKey: string, defer = false): void {
    const pending: Promise<void> = defer
      ? new Promise((resolve) => setTimeout(resolve, DEFER_MS).unref?.())
      : Promise.resolve();
    // A shutdown waits for it like a write: a record still deferred when SIGTERM came was lost.
    void trackWrite(
      pending
        .then(() => this.history.record(entry, dedupeKey))
        .then(
          () => {
            this.failures = 0;
          },
          (error: unknown) => {
            // One line per run of failures, not one per change.
            if (this.failures++ > 0) return;
            if ((error as { code?: string }).code === 'Forbidden') {
              console.warn(
                `weir: this credential may not write ${this.history.description}; changes made outside Weir are not recorded by this instance`,
              );
            } else
              console.error(
                `weir: could not record an outside change in ${this.history.description}:`,
                error,
              );
            countHistoryFailure('external');
          },
        ),
    );
  }
}
