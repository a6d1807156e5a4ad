import 'server-only';
import type { MeshChange } from '../mesh/changes';
import { summarizeSpecChange } from '../mesh/changes/summarize-spec-change';
import { exportChange } from '../mesh/export-change';
import type { MeshObject } from '../mesh/types';
import type { Finding } from '../validate/types';
import { changeBase } from './change-base';
import type { Session } from './session';
import type { StoreHandle } from './store';
import { submitChange } from './submit-change';

export interface PreviewRequest {
  change: MeshChange;
  resourceVersion: string;
}

export interface Preview {
  /** The object as the write would leave it (the backend's dry-run answer). */
  object: MeshObject;
  /** One line, as history will record it: `checkout: new route http[0] … → v2`. */
  summary: string;
  /** The same, one phrase per routing change. */
  changes: string[];
  /** Unified diff of the manifest, before → after. */
  diff: string;
  warnings: Finding[];
  /** The version the preview was made against: Apply sends exactly this one. */
  resourceVersion: string;
  /** The object had moved on since the screen showed it; the change was re-applied to it. */
  rebased: boolean;
  /** The object the change is applied to (absent for a create): what an undo goes back to. */
  before?: MeshObject;
}

/**
 * Review before apply: the write path exactly as POST /api/changes runs it (permission,
 * locks, rules, rebase), but as a dry run: the kube backend sends dryRun=All so the API
 * server's schema, CEL rules and admission run; the files backend checks without writing.
 */
export async function previewChange(
  handle: StoreHandle,
  session: Session,
  request: PreviewRequest,
): Promise<Preview> {
  const result = await submitChange(handle, session, { ...request, dryRun: true });
  const resourceVersion = result.appliedTo ?? request.resourceVersion;
  const { base: before } = changeBase(handle, request.change.target, resourceVersion);
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
