import type { MeshChange } from '../mesh/changes';
import { apiFetch } from './api-fetch';

/** What POST /api/export answers: the change for Git or kubectl, nothing written. */
export interface ExportedChange {
  manifest: string;
  diff: string;
  patch: string;
}

export type ExportFormat = keyof ExportedChange;

/** The pending change as a manifest, a unified diff and a guarded kubectl patch. */
export function fetchExport(change: MeshChange, resourceVersion: string): Promise<ExportedChange> {
  return apiFetch<ExportedChange>('/api/export', { method: 'POST', body: { change, resourceVersion } });
}
