import type { ExportAnswer } from '@/lib/api/changes';
import { exportBody, exportRequestedChange } from '@/lib/server/change-requests';
import { writeEndpoint } from '@/lib/server/endpoint';

/** A change as manifest, unified diff and kubectl patch, without writing anything. */
export const POST = writeEndpoint(
  exportBody,
  (body, viewer): Promise<ExportAnswer> => exportRequestedChange(viewer, body),
);
