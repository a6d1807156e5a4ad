import 'server-only';
import type { LastCommitAnswer } from '../api/history';
import { InvalidError, NotFoundError } from '../mesh/errors';
import { lastCommit } from '../store/files/last-commit';
import type { Viewer } from './auth/viewer';

/**
 * The newest Git commit that touched an object's document, for a folder that is a Git
 * checkout; null where there is none (a cluster, a folder outside Git, uncommitted lines).
 */
export async function objectCommit(viewer: Viewer, key: string | null): Promise<LastCommitAnswer> {
  if (!key) throw new InvalidError('the key of an object is required: ?key=Kind/namespace/name');
  const snapshot = await viewer.snapshot();
  // Own keys only: `__proto__` or `constructor` must not find Object.prototype's.
  const object = Object.hasOwn(snapshot.objects, key) ? snapshot.objects[key] : undefined;
  // Visibility first: an object the person may not list does not exist for them.
  if (!object) throw new NotFoundError(`${key} does not exist`);
  if (snapshot.sync.backend !== 'files' || !object.source) return { commit: null };
  return { commit: (await lastCommit(snapshot.sync.source, object.source)) ?? null };
}
