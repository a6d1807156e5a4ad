import type { HistoryEntry } from './history';
import { newestFirst } from './history';
import { objectKey } from './object-key';
import { parseObject } from './parse';
import type { MeshSnapshot, ObjectKey, StoredObject } from './types';

/** The routing as it was at one time, and which objects could not be put back exactly. */
export interface SnapshotAt {
  /** ISO time the snapshot is of. */
  at: string;
  snapshot: MeshSnapshot;
  /**
   * Objects changed after `at` whose earlier spec was not recorded (too large, or a record
   * without it): shown as they are now, or missing when they were deleted since.
   */
  approximate: ObjectKey[];
}

const DEFAULT_API_VERSION = 'networking.istio.io/v1';

/** The object as a recorded spec describes it, keeping what the newer version says of the rest. */
function withSpec(
  entry: HistoryEntry,
  spec: unknown,
  newer: StoredObject | undefined,
): StoredObject | undefined {
  const { kind, namespace, name } = entry.object;
  const apiVersion = newer && 'apiVersion' in newer ? newer.apiVersion : DEFAULT_API_VERSION;
  const resourceVersion = entry.before?.resourceVersion;
  const metadata = {
    ...(newer?.metadata ?? {}),
    name,
    namespace,
    ...(resourceVersion ? { resourceVersion } : {}),
  };
  return parseObject({ apiVersion, kind, metadata, spec });
}

/**
 * The routing objects as they were at `at`: from the current snapshot, each change recorded
 * after `at` is undone, newest first — an object created since is removed, an object changed
 * or deleted since gets the spec recorded before that change. Services and workloads are not
 * recorded in the history and stay as they are now.
 */
export function snapshotAt(current: MeshSnapshot, entries: readonly HistoryEntry[], at: string): SnapshotAt {
  const since = Date.parse(at);
  const objects: Record<ObjectKey, StoredObject> = { ...current.objects };
  const approximate = new Set<ObjectKey>();
  const newer = entries.filter((entry) => Date.parse(entry.time) > since).sort(newestFirst);
  for (const entry of newer) {
    const key = objectKey(entry.object);
    if (!entry.before) {
      // Created after `at`: it did not exist then.
      delete objects[key];
      approximate.delete(key);
      continue;
    }
    const restored =
      entry.before.spec === undefined ? undefined : withSpec(entry, entry.before.spec, objects[key]);
    if (restored) {
      objects[key] = restored;
      approximate.delete(key);
    } else {
      approximate.add(key);
    }
  }
  return {
    at: new Date(since).toISOString(),
    snapshot: { ...current, objects },
    approximate: [...approximate].sort(),
  };
}
