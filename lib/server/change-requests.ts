import 'server-only';
import { z } from 'zod';
import type {
  ChangeAnswer,
  ChangeRequest,
  ExportAnswer,
  ExportRequest,
  PreviewAnswer,
  PreviewRequest,
} from '../api/changes';
import { changeRequestSchema, isLifecycleChange, lifecycleRequestSchema } from '../mesh/changes';
import { changeSetSchema, isChangeSet } from '../mesh/changes/change-set';
import { NotFoundError } from '../mesh/errors';
import { objectKey } from '../mesh/object-key';
import type { Viewer } from './auth/viewer';
import { previewChangeSet, submitChangeSet } from './change-set';
import { previewLifecycleChange, submitLifecycleChange } from './create-delete';
import { exportPendingChange } from './export-pending-change';
import { previewChange } from './preview-change';
import { submitChange } from './submit-change';

const howToWrite = {
  dryRun: z.boolean().optional(),
  exact: z.boolean().optional(),
  note: z.string().max(1000).optional(),
};

// A set carries its deletes' versions in its members; nothing else to say.
const changeSetRequestSchema = z.object({ change: changeSetSchema, resourceVersion: z.string().optional() });

/** The body of POST /api/preview: an edit, a create or delete, or a set of creates and deletes. */
export const previewBody: z.ZodType<PreviewRequest> = z.union([
  changeRequestSchema,
  lifecycleRequestSchema,
  changeSetRequestSchema,
]);

/** The body of POST /api/changes: as a preview, plus dry run, exact and the person's note. */
export const changeBody: z.ZodType<ChangeRequest> = z.union([
  changeRequestSchema.extend(howToWrite),
  lifecycleRequestSchema.extend(howToWrite),
  changeSetRequestSchema.extend(howToWrite),
]);

/** The body of POST /api/export: an edit and the version it was made against. */
export const exportBody: z.ZodType<ExportRequest> = changeRequestSchema;

/**
 * Writes any change a person asks for: creates and deletes make or end an object through
 * their own path (create-delete.ts), edits through the write path (submit-change.ts); the
 * same gates either way.
 */
export function submitRequestedChange(viewer: Viewer, request: ChangeRequest): Promise<ChangeAnswer> {
  const { handle, session } = viewer;
  const { change } = request;
  if (isChangeSet(change)) return submitChangeSet(handle, session, { ...request, change });
  if (isLifecycleChange(change)) return submitLifecycleChange(handle, session, { ...request, change });
  return submitChange(handle, session, {
    ...request,
    change,
    resourceVersion: request.resourceVersion ?? '',
  });
}

/** Any change as it would be written (dry run), for review before apply. */
export function previewRequestedChange(viewer: Viewer, request: PreviewRequest): Promise<PreviewAnswer> {
  const { handle, session } = viewer;
  const { change } = request;
  if (isChangeSet(change)) return previewChangeSet(handle, session, { ...request, change });
  if (isLifecycleChange(change)) return previewLifecycleChange(handle, session, { ...request, change });
  return previewChange(handle, session, { change, resourceVersion: request.resourceVersion ?? '' });
}

/** An edit exported for Git or kubectl; only of an object the person may list (it shows all of it). */
export async function exportRequestedChange(viewer: Viewer, request: ExportRequest): Promise<ExportAnswer> {
  const { target } = request.change;
  if (!(await viewer.visibility.sees(objectKey(target)))) {
    throw new NotFoundError(`${target.kind} ${target.namespace}/${target.name} does not exist`);
  }
  return exportPendingChange(viewer.handle, request.change, request.resourceVersion);
}
