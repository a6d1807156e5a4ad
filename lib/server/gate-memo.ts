import 'server-only';
import { deepEqual } from '../mesh/deep-equal';
import type { MeshSnapshot, ObjectKey, StoredObject } from '../mesh/types';
import { withoutWriteMarks } from '../mesh/write-marks';
import type { Finding } from '../validate/types';

/**
 * What the write gate last found on a view with one object in place, per object: a drag's
 * next step starts from the object its last step wrote, on a view that has not moved, so the
 * rules' findings there are already known. The rules are a pure function of the view, and a
 * recalled finding list is only used for a view that holds the very same objects (the same
 * instances the store holds), so a recall is exactly what a run would give.
 */
interface Remembered {
  objects: MeshSnapshot['objects'];
  meshConfig: unknown;
  findings: readonly Finding[];
  at: number;
}

/** Objects whose last gate is kept (a few people dragging at once; each entry is one view's references). */
const KEPT = 16;
/**
 * How long a gate is kept: a drag writes every 300 ms or so. An entry holds its view's objects
 * (versions the store may since have replaced), so none outlives a pause for long.
 */
const KEPT_MS = 10_000;

const remembered = new Map<ObjectKey, Remembered>();
let sweep: ReturnType<typeof setTimeout> | undefined;

/** The findings the rules gave on a view equal to `view` (with `key` in it), if known. */
export function recallFindings(
  view: MeshSnapshot,
  key: ObjectKey,
  now = Date.now(),
): readonly Finding[] | undefined {
  const held = remembered.get(key);
  if (!held || now - held.at > KEPT_MS || !sameView(held, view, key)) return undefined;
  return held.findings;
}

/** Keeps the rules' findings on `view` for the next write of `key`. */
export function rememberFindings(
  view: MeshSnapshot,
  key: ObjectKey,
  findings: readonly Finding[],
  now = Date.now(),
): void {
  remembered.delete(key);
  remembered.set(key, { objects: view.objects, meshConfig: view.sync?.meshConfig, findings, at: now });
  for (const oldest of remembered.keys()) {
    if (remembered.size <= KEPT) break;
    remembered.delete(oldest);
  }
  sweep ??= setTimeout(forgetOld, KEPT_MS);
  sweep.unref?.();
}

/** Drops what is past KEPT_MS, and looks again while anything is left. */
function forgetOld(): void {
  sweep = undefined;
  const now = Date.now();
  for (const [key, held] of remembered) if (now - held.at > KEPT_MS) remembered.delete(key);
  if (remembered.size > 0) {
    sweep = setTimeout(forgetOld, KEPT_MS);
    sweep.unref?.();
  }
}

/** How many gates are kept (tests). */
export function rememberedCount(): number {
  return remembered.size;
}

/** Forgets every remembered view (tests). */
export function forgetFindings(): void {
  remembered.clear();
}

/**
 * The same input to the rules: the same keys, every other object the same instance, the
 * mesh config where it was, and `key`'s object equal but for what a write moves and no rule
 * reads (its resourceVersion, generation and managedFields).
 */
function sameView(held: Remembered, view: MeshSnapshot, key: ObjectKey): boolean {
  const objects = view.objects;
  if (Object.keys(objects).length !== Object.keys(held.objects).length) return false;
  for (const [other, object] of Object.entries(objects) as [ObjectKey, StoredObject][]) {
    const was = held.objects[other];
    if (other === key ? !sameButWritten(was, object) : was !== object) return false;
  }
  return deepEqual(held.meshConfig, view.sync?.meshConfig);
}

function sameButWritten(was: StoredObject | undefined, now: StoredObject): boolean {
  if (!was) return false;
  if (was === now) return true;
  return deepEqual(withoutWriteMarks(was), withoutWriteMarks(now));
}
