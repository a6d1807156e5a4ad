import type { AnyChange, MeshChange } from '../mesh/changes';
import type { ChangeSet } from '../mesh/changes/change-set';
import type { ExportedChange } from '../mesh/export-change';
import type { MeshObject } from '../mesh/types';
import type { Finding } from '../validate/types';

/** Anything a person may ask Weir to write: an edit of an object, a create or delete, or a set of those. */
export type RequestedChange = AnyChange | ChangeSet;

/** POST /api/preview: a change and the version the person's screen showed. */
export interface PreviewRequest {
  change: RequestedChange;
  /** Required for an edit and a delete (the precondition); absent for a create. */
  resourceVersion?: string;
}

/** POST /api/changes: as a preview, plus how to write it. */
export interface ChangeRequest extends PreviewRequest {
  dryRun?: boolean;
  /** Write onto exactly `resourceVersion` or not at all (no rebase): apply what was previewed. */
  exact?: boolean;
  /** Why, in the person's words: kept with the change in history. */
  note?: string;
}

/** POST /api/changes answers the object as written and what the write did. */
export interface ChangeAnswer {
  object: MeshObject;
  /** A change set: every object as written (or as deleted), in the set's order; `object` is the first. */
  objects?: MeshObject[];
  /** The change was re-applied on a newer version than the one it was made against. */
  rebased: boolean;
  summary: string;
  /** Warning-level findings the change leaves (errors refuse it). */
  warnings: Finding[];
  /** The resourceVersion of the object the change was applied to (a preview is made against it). */
  appliedTo?: string;
  /**
   * Where the change was recorded; `error` when the write succeeded but recording failed.
   * `pending`: recorded just after this answer (an edit); GET /api/history waits for it.
   */
  history?: { recorded: boolean; pending?: boolean; id?: string; error?: string };
  /** The object already was what the change asks for: nothing was written or recorded. */
  unchanged?: boolean;
}

/** POST /api/preview answers the change as it would be written, and why it reads so. */
export interface PreviewAnswer {
  /** The object as the write would leave it (the backend's dry-run answer). */
  object: MeshObject;
  /** A change set: each object as the write would leave it, in the set's order. */
  objects?: MeshObject[];
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

/** POST /api/export: an edit and the version it was made against. */
export interface ExportRequest {
  change: MeshChange;
  resourceVersion: string;
}

/** POST /api/export answers the change for Git or kubectl; nothing is written. */
export type ExportAnswer = ExportedChange;
