import { deepEqual } from '../deep-equal';
import type { MeshObject, StoredObject } from '../types';
import type { ObjectEdit } from './edits';
import { type AnyChange, applyChange, invertChange, isLifecycleChange } from './kinds';

/**
 * What undoing or redoing an inspector edit writes now (one change, exact onto `resourceVersion`
 * when the object exists), or why it cannot be done against the object as it is.
 */
export type ObjectEditPlan = { change: AnyChange; resourceVersion?: string } | { refusal: string };

/**
 * Undo: the object must be exactly what the edit left (compared by spec: what the edit
 * wrote), or be gone after a delete; the inverse change then takes it back.
 */
export function objectUndoPlan(edit: ObjectEdit, current: StoredObject | undefined): ObjectEditPlan {
  const name = `${edit.target.kind} ${edit.target.namespace}/${edit.target.name}`;
  const { change } = edit;
  if (change.kind === 'DeleteObject') {
    if (current) return { refusal: `Not undone: ${name} exists again.` };
    return inverse(change, edit.before);
  }
  const unchanged = sameSpec(current, edit.after, 'your edit');
  if (!unchanged.ok) return { refusal: `Not undone: ${name} ${unchanged.why}.` };
  const object = unchanged.object;
  if (change.kind === 'CreateObject') return { ...inverse(change), resourceVersion: version(object) };
  if (!edit.before) return { refusal: `Not undone: what ${name} was before your edit is not known.` };
  const undo = inverse(change, edit.before);
  return 'refusal' in undo ? undo : fits('Not undone', object, undo.change);
}

/**
 * Redo: the object must be exactly what the undo left (the spec before the edit), or be
 * absent for a create; the edit's own change is then made again.
 */
export function objectRedoPlan(edit: ObjectEdit, current: StoredObject | undefined): ObjectEditPlan {
  const name = `${edit.target.kind} ${edit.target.namespace}/${edit.target.name}`;
  const { change } = edit;
  if (change.kind === 'CreateObject') {
    if (current) return { refusal: `Not redone: ${name} exists again.` };
    return { change };
  }
  const unchanged = sameSpec(current, edit.before, 'your undo');
  if (!unchanged.ok) return { refusal: `Not redone: ${name} ${unchanged.why}.` };
  if (change.kind === 'DeleteObject') return { change, resourceVersion: version(unchanged.object) };
  return fits('Not redone', unchanged.object, change);
}

// Compared by spec, what an edit writes: labels or a status set meanwhile do not stand in the way.
function sameSpec(
  current: StoredObject | undefined,
  expected: MeshObject | undefined,
  since: string,
): { ok: true; object: MeshObject } | { ok: false; why: string } {
  if (!current || current.kind === 'Invalid') return { ok: false, why: 'is no longer there' };
  if (!expected || !deepEqual(current.spec, expected.spec)) {
    return { ok: false, why: `has changed since ${since}` };
  }
  return { ok: true, object: current };
}

// An inspector edit is one write, and so is its undo.
function inverse(change: AnyChange, before?: MeshObject): ObjectEditPlan {
  try {
    const [undo, ...more] = invertChange(change, before);
    if (undo && more.length === 0) return { change: undo };
    return { refusal: `Not undone: ${change.kind} is not undone in one write.` };
  } catch (error) {
    return { refusal: `Not undone: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// The change must apply to the object as it is, as the server will check.
function fits(verb: string, object: MeshObject, change: AnyChange): ObjectEditPlan {
  try {
    if (!isLifecycleChange(change)) applyChange(object, change);
  } catch (error) {
    return { refusal: `${verb}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { change, resourceVersion: version(object) };
}

function version(object: MeshObject): string | undefined {
  return object.metadata.resourceVersion;
}
