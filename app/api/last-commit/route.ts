import type { LastCommitAnswer } from '@/lib/api/history';
import { readEndpoint } from '@/lib/server/endpoint';
import { objectCommit } from '@/lib/server/object-commit';

/** `?key=Kind/namespace/name` → `{commit}`: the last Git commit that touched that object, or null. */
export const GET = readEndpoint(
  (viewer, query): Promise<LastCommitAnswer> => objectCommit(viewer, query.get('key')),
);
