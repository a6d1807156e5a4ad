import 'server-only';
import type { PastSnapshotAnswer } from '../api/snapshot';
import { snapshotAt } from '../mesh/snapshot-at';
import type { Viewer } from './auth/viewer';
import { HISTORY_LIMIT, listHistory } from './history/list-history';

/**
 * The routing as it was at `at` (ISO), rebuilt from the current snapshot and the changes
 * recorded since, both limited to what the person may see (snapshot-at). Incomplete when
 * more changes were recorded since than one answer reads.
 */
export async function pastSnapshot(
  viewer: Viewer,
  at: string,
  namespaces: readonly string[] = [],
): Promise<PastSnapshotAnswer> {
  const [current, changes] = await Promise.all([
    viewer.snapshot(namespaces),
    listHistory(viewer, { from: at, limit: HISTORY_LIMIT }),
  ]);
  const past = snapshotAt(current, changes, at);
  return {
    ...past.snapshot,
    at: past.at,
    approximate: past.approximate,
    complete: changes.length < HISTORY_LIMIT,
  };
}
