import type { MeshObject, MeshSnapshot, ObjectKey, ObjectRef, StoredObject, SyncStatus } from '../mesh/types';

/** One change in the store's history, numbered by a sequence that only grows. */
export type StoreEvent =
  | { sequence: number; type: 'put'; key: ObjectKey; object: StoredObject }
  | { sequence: number; type: 'delete'; key: ObjectKey }
  | { sequence: number; type: 'sync'; sync: SyncStatus };

/** Who a write is made as. The kube backend uses it against the API server. */
export interface Actor {
  /** A person's own bearer token. */
  token?: string;
  /** Identity Weir's own credential impersonates. */
  impersonate?: { user: string; groups?: string[] };
  /** Display name for history. */
  name: string;
}

export interface WriteOptions {
  actor?: Actor;
  /** Ask the backend to check the write without making it. */
  dryRun?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  /** The version the person saw: the delete happens only while it is still the current one. */
  resourceVersion: string;
}

/**
 * The contract both backends (a Kubernetes API server, a folder of YAML manifests) meet,
 * and the same contract tests run against.
 */
export interface MeshStore {
  /** Lists and starts watching; resolves once the first full list is held. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Everything held now, with the sequence number of the last event applied; with
   * `namespaces`, only what a view of them shows (theirs and what their routing reaches).
   */
  snapshot(namespaces?: readonly string[]): MeshSnapshot;
  /** The sequence number of the last event applied (without building a snapshot). */
  sequence(): number;
  /** The sync status `snapshot()` would carry now (without building a snapshot). */
  syncStatus(): SyncStatus;
  /**
   * Every object held now, by key, read in place (without building a snapshot): what
   * `snapshot().objects` holds. Read it through at once, not across an await: the store moves
   * on with each event, and an iteration held open sees it move.
   */
  entries(): IterableIterator<[ObjectKey, StoredObject]>;
  /** The keys `snapshot(namespaces)` holds now: what a view's event stream carries. */
  viewScope(namespaces: readonly string[]): ReadonlySet<ObjectKey>;
  /** The events after `sequence`, or undefined when they are no longer held (reload). */
  eventsSince(sequence: number): StoreEvent[] | undefined;
  /** Calls `listener` for each event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /**
   * The object as held in the store: as the source has it, less kubectl's
   * last-applied-configuration (and of managedFields, only who wrote when).
   */
  get(ref: ObjectRef): StoredObject | undefined;
  /** The object as it is at the source now, bypassing the cache (used on conflict). */
  read(ref: ObjectRef, options?: WriteOptions): Promise<MeshObject>;
  /**
   * Replaces an existing object. `object.metadata.resourceVersion` is the precondition:
   * a newer version at the source makes it fail with ConflictError, and nothing is written.
   * What the store does not hold of it (kubectl's last-applied-configuration,
   * lib/mesh/last-applied.ts) stays at the source as it is.
   */
  update(object: MeshObject, options?: WriteOptions): Promise<MeshObject>;
  /**
   * Creates an object that does not exist yet (its resourceVersion, if any, is ignored). An
   * object already there under the same kind, namespace and name makes it fail with
   * ConflictError, and nothing is written.
   */
  create(object: MeshObject, options?: WriteOptions): Promise<MeshObject>;
  /**
   * Deletes an object. `options.resourceVersion` is the precondition: a newer version at the
   * source makes it fail with ConflictError, and nothing is deleted. Answers the object as the
   * source held it when deleted, kubectl's last-applied-configuration included (so that an undo
   * recreates it whole, and a later `kubectl apply` still merges), when the source says; else
   * undefined (a folder: the annotation is a cluster's).
   */
  delete(ref: ObjectRef, options: DeleteOptions): Promise<MeshObject | undefined>;
  /** Whether `actor` may update the object at the source (RBAC for a cluster). */
  canUpdate(ref: ObjectRef, options?: WriteOptions): Promise<boolean>;
  /** The name the source knows `actor` (or Weir's own credential) by. */
  whoAmI(options?: WriteOptions): Promise<string>;
}
