import 'server-only';
import type { ObjectRef } from '../mesh/types';
import { mapLimited, may, questionFor } from './auth/authorizer';
import { resolveSession, type Session } from './auth/identity';
import { readConfig } from './config';
import type { StoreHandle } from './store';

export type { Session } from './auth/identity';

/**
 * Who is asking (see auth/identity.ts for the strategies). `request` carries the session
 * cookie or the proxy's headers; without it only the `local` strategy can answer.
 */
export function getSession(handle: StoreHandle, request?: Request): Promise<Session> {
  return resolveSession(handle, request);
}

export interface WriteAccess {
  allowed: boolean;
  reason?: string;
}

const READ_ONLY_REASON = 'Weir runs read-only (WEIR_READ_ONLY=true): nobody may change routing here.';

/** The sentence the screen shows where a person may look but not change. */
export function readOnlyIn(session: Session, namespace: string): string {
  return namespace
    ? `read-only: ${session.user} may view but not change routing in namespace ${namespace}.`
    : `read-only: ${session.user} may view but not change routing.`;
}

/**
 * Whether the session may change (or create, or delete) `ref`: the global read-only switch first, then RBAC for the
 * person (an access review as them, cached ~30 s), or the files backend's own check.
 */
export async function writeAccess(
  handle: StoreHandle,
  session: Session,
  ref: ObjectRef,
  verb: 'update' | 'create' | 'delete' = 'update',
): Promise<WriteAccess> {
  if (readConfig().readOnly) return { allowed: false, reason: READ_ONLY_REASON };
  const outside = outsideScope(handle, ref.namespace);
  if (outside) return { allowed: false, reason: outside };
  const allowed = handle.kube
    ? await may(handle, session, questionFor(verb, ref.kind, ref.namespace, ref.name || undefined))
    : await handle.store.canUpdate(ref, { actor: session.actor });
  return allowed ? { allowed } : { allowed, reason: readOnlyIn(session, ref.namespace) };
}

/**
 * Why Weir does not write in `namespace` when limited to others (WEIR_NAMESPACES): it neither
 * watches it nor may record history there. Undefined where it may.
 */
export function outsideScope(handle: StoreHandle, namespace: string): string | undefined {
  const scope = handle.namespaces;
  if (!scope || scope.includes(namespace)) return undefined;
  return `Weir is limited to namespace${scope.length === 1 ? '' : 's'} ${scope.join(', ')} (WEIR_NAMESPACES): it does not watch or change ${namespace ? `namespace ${namespace}` : 'other namespaces'}.`;
}

export interface NamespaceAccess {
  /** Where the person may change routing: every namespace, or these. */
  writableNamespaces: string[] | 'all';
  /** Set when the person may change nothing at all, with the reason. */
  readOnlyReason?: string;
}

/** Where the person may change VirtualServices, among `namespaces` (those they see). */
export async function namespaceAccess(
  handle: StoreHandle,
  session: Session,
  namespaces: readonly string[],
): Promise<NamespaceAccess> {
  if (readConfig().readOnly) return { writableNamespaces: [], readOnlyReason: READ_ONLY_REASON };
  // Limited to some namespaces, Weir writes nowhere else, whatever the person may do there.
  const scope = handle.namespaces;
  if (!scope) {
    const everywhere = await writeAccess(handle, session, {
      kind: 'VirtualService',
      namespace: '',
      name: '',
    });
    if (everywhere.allowed) return { writableNamespaces: 'all' };
    if (!handle.kube) return { writableNamespaces: [], readOnlyReason: everywhere.reason };
  }
  const candidates = scope ? namespaces.filter((namespace) => scope.includes(namespace)) : namespaces;
  const answers = await mapLimited(candidates, 16, (namespace) =>
    may(handle, session, questionFor('update', 'VirtualService', namespace)),
  );
  const writable = candidates.filter((_, i) => answers[i]);
  return writable.length > 0
    ? { writableNamespaces: writable }
    : { writableNamespaces: [], readOnlyReason: readOnlyIn(session, '') };
}
