import 'server-only';
import type { ObjectRef } from '../mesh/types';
import type { Actor } from '../store/types';
import { readConfig } from './config';
import type { StoreHandle } from './store';

export interface Session {
  user: string;
  /** Who writes are made as; undefined: Weir's own credential (the local strategy). */
  actor?: Actor;
}

/**
 * Who is asking. The `local` strategy is one person on their own machine: the identity of
 * the kubeconfig (or the folder's owner). Other strategies are added with sign-in.
 */
export async function getSession({ store }: StoreHandle): Promise<Session> {
  const user = await store.whoAmI().catch(() => 'local user');
  return { user };
}

export interface WriteAccess {
  allowed: boolean;
  reason?: string;
}

/** Whether the session may change `ref`: the global read-only switch first, then the source's RBAC. */
export async function writeAccess({ store }: StoreHandle, session: Session, ref: ObjectRef): Promise<WriteAccess> {
  if (readConfig().readOnly) {
    return { allowed: false, reason: 'Weir runs read-only (WEIR_READ_ONLY=true): nobody may change routing here.' };
  }
  const allowed = await store.canUpdate(ref, { actor: session.actor });
  const where = ref.namespace ? `in namespace ${ref.namespace}` : 'in any namespace';
  return allowed
    ? { allowed }
    : { allowed, reason: `${session.user} may view but not change ${ref.kind} objects ${where}.` };
}
