import type { PastSnapshotAnswer, SnapshotAnswer } from '@/lib/api/snapshot';
import { readEndpoint } from '@/lib/server/endpoint';
import { pastSnapshot } from '@/lib/server/past-snapshot';
import { readTime } from '@/lib/server/query-params';
import { viewNamespaces } from '@/lib/server/view-namespaces';

/**
 * Everything Weir holds that the person may list: `{sequence, objects, sync}`; with
 * `?namespace=` (repeated), what a view of those namespaces shows. With `?at=<ISO>`,
 * the routing as it was then, rebuilt from the history the person may see, plus `at`,
 * `approximate` (keys not rebuilt exactly) and `complete` (false when more changes were
 * recorded since than Weir reads for one answer).
 */
export const GET = readEndpoint((viewer, query): Promise<SnapshotAnswer | PastSnapshotAnswer> => {
  const at = readTime(query, 'at');
  const namespaces = viewNamespaces(query);
  return at ? pastSnapshot(viewer, at, namespaces) : viewer.snapshot(namespaces);
});
