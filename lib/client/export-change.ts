import type { ExportAnswer, ExportRequest } from '../api/changes';
import type { MeshChange } from '../mesh/changes';
import { apiFetch } from './api-fetch';

/** The ways a change is exported: the manifest, a unified diff, a guarded kubectl patch. */
export type ExportFormat = keyof ExportAnswer;

/** The pending change as a manifest, a unified diff and a guarded kubectl patch. */
export function fetchExport(change: MeshChange, resourceVersion: string): Promise<ExportAnswer> {
  return apiFetch<ExportAnswer>('/api/export', {
    method: 'POST',
    body: { change, resourceVersion } satisfies ExportRequest,
  });
}
