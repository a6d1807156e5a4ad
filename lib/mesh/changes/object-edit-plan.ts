import { deepEqual } from '../deep-equal';
import type { MeshObject, ObjectRef, StoredObject } from '../types';
import { type ChangeSet, invertChangeSet } from './change-set';
import type { ObjectEdit, SetEdit } from './edits';
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

/** What undoing or redoing a change set writes now (one set), or why it cannot be done. */
export type SetEditPlan = { change: ChangeSet } | { refusal: string };

/**
 * Undo of a set: every object it created must still be exactly what it wrote (compared by
 * spec), every object it deleted still gone; the inverse set then deletes and creates them
 * back, in reverse order, as one change. `current` answers an object as the screen shows it.
 */
export function setUndoPlan(
  edit: SetEdit,
  current: (ref: ObjectRef) => StoredObject | undefined,
): SetEditPlan {
  const now: MeshObject[] = [];
  for (const [i, change] of edit.change.changes.entries()) {
    const name = `${change.target.kind} ${change.target.namespace}/${change.target.name}`;
    const held = current(change.target);
    if (change.kind === 'DeleteObject') {
      if (held) return { refusal: `Not undone: ${name} exists again.` };
      now.push(edit.written[i] as MeshObject);
      continue;
    }
    const unchanged = sameSpec(held, edit.written[i], 'your edit');
    if (!unchanged.ok) return { refusal: `Not undone: ${name} ${unchanged.why}.` };
    now.push(unchanged.object);
  }
  try {
    return { change: invertChangeSet(edit.change, now) };
  } catch (error) {
    return { refusal: `Not undone: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Redo of a set: none of the objects it created may exist (and those it deleted must); then the set again. */
export function setRedoPlan(
  edit: SetEdit,
  current: (ref: ObjectRef) => StoredObject | undefined,
): SetEditPlan {
  for (const change of edit.change.changes) {
    const name = `${change.target.kind} ${change.target.namespace}/${change.target.name}`;
    const held = current(change.target);
    if (change.kind === 'CreateObject' && held) return { refusal: `Not redone: ${name} exists again.` };
    if (change.kind === 'DeleteObject' && !held)
      return { refusal: `Not redone: ${name} is no longer there.` };
  }
  // A delete is redone on the version the undo made, which the screen now shows.
  const changes = edit.change.changes.map((change) => {
    if (change.kind !== 'DeleteObject') return change;
    const held = current(change.target);
    const version = held && held.kind !== 'Invalid' ? held.metadata.resourceVersion : undefined;
    return { ...change, resourceVersion: version ?? change.resourceVersion };
  });
  return { change: { ...edit.change, changes } };
}
