import 'server-only';
import type { PreviewAnswer } from '../api/changes';
import type { MeshChange } from '../mesh/changes';
import { summarizeSpecChange } from '../mesh/changes/summarize-spec-change';
import { exportChange } from '../mesh/export-change';
import { changeBase } from './change-base';
import type { Session } from './session';
import type { StoreHandle } from './store';
import { submitChange } from './submit-change';

/**
 * Review before apply: the write path exactly as POST /api/changes runs it (permission,
 * locks, rules, rebase), but as a dry run: the kube backend sends dryRun=All so the API
 * server's schema, CEL rules and admission run; the files backend checks without writing.
 */
export async function previewChange(
  handle: StoreHandle,
  session: Session,
  request: { change: MeshChange; resourceVersion: string },
): Promise<PreviewAnswer> {
  const result = await submitChange(handle, session, { ...request, dryRun: true });
  const resourceVersion = result.appliedTo ?? request.resourceVersion;
  const { base: before } = await changeBase(handle, request.change.target, resourceVersion);
  return {
    object: result.object,
    summary: result.summary,
    changes: summarizeSpecChange(before, result.object),
    diff: exportChange(before, result.object).diff,
    warnings: result.warnings,
    resourceVersion,
    rebased: result.rebased,
    before,
  };
}
