'use client';

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { locksQuery } from '@/lib/client/locks-query';
import { sessionQuery } from '@/lib/client/queries';
import { objectKey } from '@/lib/mesh/object-key';
import type { ObjectRef } from '@/lib/mesh/types';
import { type Editing, EditingContext, useEditing } from '../editing-context';
import { editingIn } from './editing-in';

/**
 * Narrows editing to one object: read-only where the person may not change routing in its
 * namespace, locked where another controller owns it (Argo Rollouts, Flagger, Argo CD,
 * Flux). Says why, once, above what it wraps. The server refuses the same writes.
 */
export function ObjectEditing({ objectRef, children }: { objectRef?: ObjectRef; children: ReactNode }) {
  const outer = useEditing();
  const session = useQuery(sessionQuery()).data;
  const locks = useQuery({ ...locksQuery(), enabled: session?.backend === 'kube' }).data;
  const lock = objectRef ? locks?.locks[objectKey(objectRef)] : undefined;
  const editing: Editing = useMemo(
    () => editingIn(outer, session, objectRef, lock),
    [outer, session, objectRef, lock],
  );

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
