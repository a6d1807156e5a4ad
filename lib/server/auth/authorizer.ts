import 'server-only';
import { reviewAttributes } from '../../kube/access-review';
import { kubeConfigFor } from '../../kube/kube-config';
import { RESOURCE_TYPES } from '../../kube/resources';
import { toMeshError } from '../../kube/status-error';
import type { Kind } from '../../mesh/types';
import type { StoreHandle } from '../store';
import { accessCache } from './access-cache';
import type { Session } from './identity';

/** One question to RBAC: may this person `verb` the resource in the namespace ('' for all)? */
export interface AccessQuestion {
  verb: 'get' | 'list' | 'watch' | 'update' | 'patch' | 'create' | 'delete';
  group: string;
  resource: string;
  namespace: string;
  name?: string;
}

/** The question for one of the kinds Weir holds. */
export function questionFor(
  verb: AccessQuestion['verb'],
  kind: Kind,
  namespace: string,
  name?: string,
): AccessQuestion {
  const type = RESOURCE_TYPES[kind];
  return { verb, group: type.group, resource: type.plural, namespace, name };
}

/** Whether the person may read as Weir reads: the local person is Weir's own credential. */
export function isRestricted(handle: StoreHandle, session: Session): boolean {
  return Boolean(handle.kube && session.actor);
}

/**
 * Asks the API server (SelfSubjectAccessReview as the person: their token, or Weir's
 * credential impersonating them), through the ~30 s cache. Without a cluster there is no RBAC:
 * the folder's owner may read everything (writes are checked by the files backend itself).
 */
export async function may(handle: StoreHandle, session: Session, question: AccessQuestion): Promise<boolean> {
  const base = handle.kube;
  if (!base) return true;
  const who = session.accessKey ?? 'local';
  const key = [
    who,
    question.verb,
    question.group,
    question.resource,
    question.namespace,
    question.name ?? '',
  ].join('|');
  return accessCache().get(key, async () => {
    const kc = session.actor ? kubeConfigFor(base, session.actor) : base;
    try {
      return await reviewAttributes(kc, { ...question, namespace: question.namespace || undefined });
    } catch (error) {
      throw toMeshError(error);
    }
  });
}

/** Runs `task` over `items`, at most `limit` at a time, keeping order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
