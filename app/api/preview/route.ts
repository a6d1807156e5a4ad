import type { PreviewAnswer } from '@/lib/api/changes';
import { previewBody, previewRequestedChange } from '@/lib/server/change-requests';
import { writeEndpoint } from '@/lib/server/endpoint';

/** A change as it would be written (dry run): result, routing summary, YAML diff, warnings. */
export const POST = writeEndpoint(
  previewBody,
  (body, viewer): Promise<PreviewAnswer> => previewRequestedChange(viewer, body),
);
