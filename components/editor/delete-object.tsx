'use client';

import { useState } from 'react';
import { useReview } from '@/lib/client/preview';
import type { CreateObject } from '@/lib/mesh/changes/create-object';
import { deletionImpact } from '@/lib/mesh/deletion-impact';
import { GATEWAY_ROUTE_KINDS } from '@/lib/mesh/gateway-api-types';
import type { MeshObject, MeshSnapshot } from '@/lib/mesh/types';
import { useEditing } from '../editing/editing-context';
import { SmallButton } from './fields';
import { ReviewPanel } from './review-panel';

const DELETABLE: readonly string[] = ['VirtualService', 'DestinationRule', 'Gateway', ...GATEWAY_ROUTE_KINDS];

/**
 * "Delete…" with a confirmation that says what traffic it affects, then a dry run and the
 * delete at the version shown (the resourceVersion precondition).
 */
export function DeleteObject({ object, view }: { object: MeshObject; view: MeshSnapshot }) {
  const editing = useEditing();
  const review = useReview();
  const [confirming, setConfirming] = useState(false);
  if (editing.readOnly || !DELETABLE.includes(object.kind)) return null;
  const target = {
    kind: object.kind as CreateObject['target']['kind'],
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
  const label = `${object.kind} ${target.namespace}/${target.name}`;
  if (!confirming) {
    return (
      <div>
        <SmallButton tone="danger" disabled={!editing.canEdit} onClick={() => setConfirming(true)}>
          Delete…
        </SmallButton>
      </div>
    );
  }
  const cancel = () => {
    review.reset();
    setConfirming(false);
  };
  return (
    <section
      role="alertdialog"
      aria-label={`Delete ${label}`}
      className="flex flex-col gap-2 rounded border border-red-300 bg-red-50/40 p-2 text-xs"
    >
      <h3 className="font-semibold text-red-800">Delete {label}?</h3>
      <ul data-testid="delete-impact" className="list-disc pl-4 text-slate-800">
        {deletionImpact(view, object).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {review.state.step === 'idle' && (
        <div className="flex gap-2">
          <SmallButton
            tone="danger"
            onClick={() =>
              void review.preview({ kind: 'DeleteObject', target }, object.metadata.resourceVersion ?? '')
            }
          >
            Preview delete
          </SmallButton>
          <SmallButton onClick={cancel}>Cancel</SmallButton>
        </div>
      )}
      <ReviewPanel state={review.state} onApply={() => void review.apply()} onBack={cancel} />
    </section>
  );
}
