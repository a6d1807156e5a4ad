import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type {
  ChangeAnswer,
  ChangeRequest,
  PreviewAnswer,
  PreviewRequest,
  RequestedChange,
} from '../api/changes';
import { createAsWritten } from '../mesh/changes/create-object';
import { objectKey } from '../mesh/object-key';
import type { MeshObject, MeshSnapshot } from '../mesh/types';
import { ApiError, isApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { withObject } from './pending-changes';
import { SNAPSHOT_KEY } from './queries';
import { recordObjectEdit, recordSetEdit, undoWaitsFor, withSetWritten } from './undo-redo';
import { isOutcomeUnknown } from './write-outcome';

/** What can be reviewed: an edit, or a create or delete. */
export type ReviewChange = RequestedChange;

export type ReviewState =
  | { step: 'idle' }
  | { step: 'previewing'; change: ReviewChange }
  | { step: 'review'; change: ReviewChange; preview: PreviewAnswer; note?: string }
  | { step: 'applying'; change: ReviewChange; preview: PreviewAnswer }
  | { step: 'applied'; summary: string }
  | { step: 'refused'; change: ReviewChange; error: ApiError };

const asApiError = (error: unknown) =>
  isApiError(error) ? error : new ApiError('Unavailable', 0, String(error));

/**
 * Review before apply: preview a change (a dry run on the server), then apply exactly what was
 * previewed, onto the version it was previewed against. When the object moved on meanwhile,
 * the preview is redone against it and shown again, with a note; nothing is written unseen.
 */
export function useReview() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ReviewState>({ step: 'idle' });
  const made = useRef<{ change: ReviewChange; resourceVersion: string } | undefined>(undefined);

  const preview = useCallback(async (change: ReviewChange, resourceVersion: string, note?: string) => {
    made.current = { change, resourceVersion };
    setState({ step: 'previewing', change });
    try {
      const answer = await apiFetch<PreviewAnswer>('/api/preview', {
        method: 'POST',
        body: { change, resourceVersion } satisfies PreviewRequest,
      });
      setState({ step: 'review', change, preview: answer, note });
    } catch (error) {
      setState({ step: 'refused', change, error: asApiError(error) });
    }
  }, []);

  /** Applies what was reviewed; answers the object as written (undefined when nothing was). */
  const apply = useCallback(async (): Promise<MeshObject | undefined> => {
    if (state.step !== 'review') return undefined;
    const { change, preview: reviewed } = state;
    setState({ step: 'applying', change, preview: reviewed });
    // Its edit is recorded for undo from the answer: Undo pressed meanwhile waits for that.
    let settled!: () => void;
    undoWaitsFor(
      new Promise<void>((resolve) => {
        settled = resolve;
      }),
    );
    try {
      const answer = await apiFetch<ChangeAnswer>('/api/changes', {
        method: 'POST',
        body: { change, resourceVersion: reviewed.resourceVersion, exact: true } satisfies ChangeRequest,
      });
      if (change.kind === 'ChangeSet') {
        const written = answer.objects ?? [answer.object];
        queryClient.setQueryData<MeshSnapshot>(SNAPSHOT_KEY, (s) => s && withSetWritten(s, change, written));
        recordSetEdit({ kind: 'SetEdit', target: change.target, change, written });
        setState({ step: 'applied', summary: answer.summary });
        return answer.object;
      }
      queryClient.setQueryData<MeshSnapshot>(SNAPSHOT_KEY, (s) => {
        if (!s || change.kind !== 'DeleteObject') return s && withObject(s, answer.object);
        const { [objectKey(change.target)]: _gone, ...objects } = s.objects;
        return { ...s, objects };
      });
      const deleted = change.kind === 'DeleteObject';
      // A ReferenceGrant whose name was taken is written under the next one: undo names that one.
      const recorded =
        change.kind === 'CreateObject' ? createAsWritten(change, answer.object.metadata.name) : change;
      recordObjectEdit({
        kind: 'ObjectEdit',
        target: recorded.target,
        change: recorded,
        // A delete's answer is the object as deleted, with what the screen never held
        // (kubectl's last-applied-configuration): undo recreates it whole.
        before: deleted ? answer.object : reviewed.before,
        after: deleted ? undefined : answer.object,
      });
      setState({ step: 'applied', summary: answer.summary });
      return answer.object;
    } catch (error) {
      const apiError = asApiError(error);
      if (apiError.status === 409 && made.current) {
        // Nothing was applied: an Undo waiting on this goes on now, not after the new preview.
        settled();
        // Someone changed the object since the preview: preview again against it.
        await preview(
          change,
          made.current.resourceVersion,
          'The object changed since your preview; this is the preview against its new version.',
        );
        return undefined;
      }
      // Maybe applied (sent, never answered): said as such by the panel; read the object again.
      if (isOutcomeUnknown(apiError)) void queryClient.invalidateQueries({ queryKey: SNAPSHOT_KEY });
      setState({ step: 'refused', change, error: apiError });
      return undefined;
    } finally {
      settled();
    }
  }, [state, preview, queryClient]);

  const reset = useCallback(() => setState({ step: 'idle' }), []);
  return { state, preview, apply, reset };
}
