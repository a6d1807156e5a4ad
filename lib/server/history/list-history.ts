import 'server-only';
import type { HistoryEntry, HistoryFilter } from '../../mesh/history';
import type { Kind } from '../../mesh/types';
import { mapLimited } from '../auth/authorizer';
import type { Viewer } from '../auth/viewer';

const DEFAULT_LIMIT = 200;
/** The most entries one answer reads (a past snapshot is incomplete beyond it). */
export const HISTORY_LIMIT = 2_000;

/**
 * The recorded changes a person may see, newest first: an entry shows when they may list the
 * changed object's kind in its namespace (they could read the object itself).
 */
export async function listHistory(viewer: Viewer, filter: HistoryFilter): Promise<HistoryEntry[]> {
  const recorder = viewer.handle.history;
  if (!recorder) return [];
  const limit = Math.min(filter.limit ?? DEFAULT_LIMIT, HISTORY_LIMIT);
  // This replica's own writes are recorded after their answer: read them too.
  await recorder.settled();
  const entries = await recorder.history.list({ ...filter, limit: undefined });
  const { visibility } = viewer;
  if (!visibility.restricted) return entries.slice(0, limit);
  const groups = [...new Set(entries.map((entry) => `${entry.object.kind}/${entry.object.namespace}`))];
  const answers = await mapLimited(groups, 16, (group) => {
    const [kind, namespace = ''] = group.split('/');
    return visibility.mayList(kind as Kind, namespace);
  });
  const allowed = new Set(groups.filter((_, i) => answers[i]));
  return entries
    .filter((entry) => allowed.has(`${entry.object.kind}/${entry.object.namespace}`))
    .slice(0, limit);
}
