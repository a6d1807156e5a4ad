import type { CreateAccessAnswer, SessionAnswer } from '@/lib/api/session';
import type { ControllerLock } from '@/lib/mesh/controller-lock';
import { GATEWAY_ROUTE_KINDS } from '@/lib/mesh/gateway-api-types';
import { ISTIO_KINDS, type ObjectRef } from '@/lib/mesh/types';
import type { Editing } from './editing-context';

/** Whether the session may change routing in a namespace (per GET /api/session). */
export function writableIn(session: SessionAnswer | undefined, namespace: string): boolean {
  if (!session || session.readOnly) return false;
  const writable = session.writableNamespaces;
  return writable === 'all' || writable.includes(namespace);
}

const EDITABLE: readonly string[] = [...ISTIO_KINDS, ...GATEWAY_ROUTE_KINDS];

/**
 * Editing for one object: what the whole screen allows (`outer`), narrowed by a controller's
 * lock and by the person's rights in the object's namespace. Returns `outer` itself when
 * nothing narrows it, so a caller can tell.
 */
export function editingIn(
  outer: Editing,
  session: SessionAnswer | undefined,
  ref: ObjectRef | undefined,
  lock: ControllerLock | undefined,
): Editing {
  // Weir changes only Istio routing objects and Gateway API routes; a Service or Pod has nothing to narrow.
  if (!ref || !EDITABLE.includes(ref.kind)) return outer;
  if (lock) return { canEdit: false, readOnly: true, reason: `${lock.reason} ${lock.instead}` };
  return editingInNamespace(outer, session, ref.namespace);
}

/** Editing for an object in `namespace`: what the whole screen allows, narrowed by where the person may update routing. */
export function editingInNamespace(
  outer: Editing,
  session: SessionAnswer | undefined,
  namespace: string,
): Editing {
  if (outer.readOnly || !session || writableIn(session, namespace)) return outer;
  return {
    canEdit: false,
    readOnly: true,
    reason: `read-only: you may view but not change routing in namespace ${namespace}.`,
  };
}

/**
 * Editing for a new ReferenceGrant in `namespace` (created where a reference points): what the
 * whole screen allows, narrowed by the server's answer to "may this person create
 * referencegrants there" (GET /api/session/create-access), not by where they may update
 * routing: another verb on another resource. Disabled until that answer is in.
 */
export function editingToCreate(
  outer: Editing,
  answer: CreateAccessAnswer | undefined,
  namespace: string,
): Editing {
  if (outer.readOnly || !outer.canEdit) return outer;
  if (!answer || answer.namespace !== namespace)
    return {
      canEdit: false,
      readOnly: false,
      reason: `Checking whether you may create a ReferenceGrant in ${namespace}…`,
    };
  if (!answer.allowed)
    return {
      canEdit: false,
      readOnly: true,
      reason: answer.reason ?? `read-only: you may not create a ReferenceGrant in namespace ${namespace}.`,
    };
  return outer;
}
