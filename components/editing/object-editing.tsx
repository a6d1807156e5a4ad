'use client';

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo } from 'react';
import { locksQuery } from '@/lib/client/locks-query';
import { sessionQuery } from '@/lib/client/queries';
import type { ControllerLock } from '@/lib/mesh/controller-lock';
import { objectKey } from '@/lib/mesh/object-key';
import type { ObjectRef } from '@/lib/mesh/types';
import { type Editing, EditingContext, useEditing } from './editing-context';
import { editingIn } from './editing-in';

/**
 * Editing for one object, for any control that changes it (the inspector, a slider on a
 * graph edge): the screen's editing narrowed by the person's rights in the object's
 * namespace and by a controller's lock.
 */
export function useObjectEditing(objectRef: ObjectRef | undefined): {
  editing: Editing;
  lock?: ControllerLock;
} {
  const outer = useEditing();
  const session = useQuery(sessionQuery()).data;
  const locks = useQuery({ ...locksQuery(), enabled: session?.backend === 'kube' }).data;
  const key = objectRef ? objectKey(objectRef) : undefined;
  const lock = key ? locks?.locks[key] : undefined;
  // Keyed by the object's key, so a new ref object for the same object keeps the same value.
  // biome-ignore lint/correctness/useExhaustiveDependencies: objectRef is represented by key
  const editing = useMemo(() => editingIn(outer, session, objectRef, lock), [outer, session, key, lock]);
  return { editing, lock };
}

/**
 * Editing for any object, asked one at a time (the canvas asks for the route a connection
 * starts from): the same narrowing as useObjectEditing, without a hook per object.
 */
export function useEditingOf(): (objectRef: ObjectRef) => Editing {
  const outer = useEditing();
  const session = useQuery(sessionQuery()).data;
  const locks = useQuery({ ...locksQuery(), enabled: session?.backend === 'kube' }).data;
  return useCallback(
    (objectRef: ObjectRef) => editingIn(outer, session, objectRef, locks?.locks[objectKey(objectRef)]),
    [outer, session, locks],
  );
}

/**
 * Narrows editing to one object: read-only where the person may not change routing in its
 * namespace, locked where another controller owns it (Argo Rollouts, Flagger, Argo CD,
 * Flux). Says why, once, above what it wraps. The server refuses the same writes.
 */
export function ObjectEditing({ objectRef, children }: { objectRef?: ObjectRef; children: ReactNode }) {
  const outer = useEditing();
  const { editing, lock } = useObjectEditing(objectRef);

  return (
    <EditingContext.Provider value={editing}>
      {lock && (
        <div
          data-testid="controller-lock"
          className="rounded border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-950"
        >
          <div className="font-semibold">Locked: {lock.owner} owns this object</div>
          <p>{lock.reason}</p>
          <p className="mt-1">
            <span className="font-medium">Instead:</span> {lock.instead}
          </p>
        </div>
      )}
      {!lock && editing !== outer && editing.reason && (
        <p
          data-testid="namespace-read-only"
          className="rounded bg-slate-100 px-2 py-1.5 text-xs text-slate-700"
        >
          {editing.reason}
        </p>
      )}
      {children}
    </EditingContext.Provider>
  );
}
