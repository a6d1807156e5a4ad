import { z } from 'zod';
import { InvalidError } from '../errors';
import type { RouteAddress } from '../route-address';
import type { MeshObject } from '../types';
import { addBackend } from './add-backend';
import { addDestination } from './add-destination';
import { addRoute } from './add-route';
import type { EditKind, LifecycleKind } from './change-kind';
import { createObject } from './create-object';
import { deleteObject } from './delete-object';
import { checkFields } from './field-gate';
import { moveRoute } from './move-route';
import { removeBackend } from './remove-backend';
import { removeDestination } from './remove-destination';
import { removeRoute } from './remove-route';
import { setBackendWeights } from './set-backend-weights';
import { setRoute } from './set-route';
import { setRule } from './set-rule';
import { setSpec } from './set-spec';
import { setWeights } from './set-weights';

// The one table of change kinds. Adding a kind is its module plus one line here: the union
// types, the schemas and the dispatch below are built from these lists.

/** Kinds that edit an object: applied to it, by the browser (optimistic) and the server alike. */
const EDIT_KINDS = [
  setWeights,
  addDestination,
  removeDestination,
  setRoute,
  addRoute,
  removeRoute,
  moveRoute,
  setSpec,
  setBackendWeights,
  addBackend,
  removeBackend,
  setRule,
] as const;

/** Kinds that make or end an object: written with create or delete, never applied. */
const LIFECYCLE_KINDS = [createObject, deleteObject] as const;

type ChangeOf<T> = T extends EditKind<infer C> ? C : T extends LifecycleKind<infer C> ? C : never;

/**
 * A gesture or form on the screen, as data. The browser applies it for the optimistic view,
 * the server applies it to the object it holds before writing, tests apply it with no setup.
 */
export type MeshChange = ChangeOf<(typeof EDIT_KINDS)[number]>;
/** A create or a delete. */
export type LifecycleChange = ChangeOf<(typeof LIFECYCLE_KINDS)[number]>;
/** Any change a person can make: what review, undo and history carry. */
export type AnyChange = MeshChange | LifecycleChange;

const editKinds = new Map<string, EditKind<MeshChange>>(
  EDIT_KINDS.map((k) => [k.kind, k as EditKind<MeshChange>]),
);
const lifecycleKinds = new Map<string, LifecycleKind<LifecycleChange>>(
  LIFECYCLE_KINDS.map((k) => [k.kind, k as LifecycleKind<LifecycleChange>]),
);

type Options = readonly [z.ZodObject, ...z.ZodObject[]];
const schemasOf = (kinds: ReadonlyArray<{ schema: z.ZodObject }>) =>
  kinds.map((k) => k.schema) as unknown as Options;

/** An edit as it arrives over HTTP; each kind's apply checks the rest. */
export const meshChangeSchema = z.discriminatedUnion(
  'kind',
  schemasOf(EDIT_KINDS),
) as unknown as z.ZodType<MeshChange>;

/** An edit and the resourceVersion the person's screen showed when they made it. */
export const changeRequestSchema = z.object({ change: meshChangeSchema, resourceVersion: z.string().min(1) });

/** A create or a delete as it arrives over HTTP. */
export const lifecycleChangeSchema = z.discriminatedUnion(
  'kind',
  schemasOf(LIFECYCLE_KINDS),
) as unknown as z.ZodType<LifecycleChange>;

/** A create (no version: nothing exists yet) or a delete (the version the screen showed). */
export const lifecycleRequestSchema = z.object({
  change: lifecycleChangeSchema,
  resourceVersion: z.string().optional(),
});

export function isLifecycleChange(change: { kind: string }): change is LifecycleChange {
  return lifecycleKinds.has(change.kind);
}

// Changes arrive from the browser as JSON: an unknown kind is bad input, not a bug.
function editKindOf(change: MeshChange): EditKind<MeshChange> {
  const kind = editKinds.get((change as { kind?: unknown })?.kind as string);
  if (!kind)
    throw new InvalidError(`unknown change kind ${JSON.stringify((change as { kind?: unknown })?.kind)}`);
  return kind;
}

/**
 * Applies a change to an object and returns the new object. Pure: the input is never
 * mutated, and everything the change does not touch is carried over as it is (shared, not
 * copied). Every kind then passes the same field checks. Throws InvalidError when the
 * change does not fit the object.
 */
export function applyChange(object: MeshObject, change: MeshChange): MeshObject {
  return checkFields(object, editKindOf(change).apply(object, change));
}

/**
 * After a 409 Conflict: the change was made against `base`, the object is now `current`.
 * Returns the change to apply to `current` when it still applies cleanly, else undefined
 * (the person then sees both versions and chooses).
 */
export function rebaseChange(
  change: MeshChange,
  base: MeshObject,
  current: MeshObject,
): MeshChange | undefined {
  return editKindOf(change).rebase(change, base, current);
}

/**
 * A one-line account of a change for history and the UI, read against the object it applies
 * to: `reviews http[0]: v1 90% → 75%, v2 10% → 25%`. Never throws.
 */
export function describeChange(change: AnyChange, object: MeshObject): string {
  const lifecycle = lifecycleKinds.get(change.kind);
  if (lifecycle) return lifecycle.describe(change as LifecycleChange);
  const kind = editKinds.get(change.kind);
  return kind
    ? kind.describe(change as MeshChange, object)
    : `${object.metadata.name}: ${String(change.kind)}`;
}

/**
 * The changes that take what `change` made of `before` back to `before`, in order: a route
 * set back, an added route removed, a removed one put back at its place, a move reversed, a
 * spec replaced by the old one, a create deleted, a delete created again. Pure; `before` is
 * the object the change was applied to (absent for a create).
 */
export function invertChange(change: AnyChange, before: MeshObject | undefined): AnyChange[] {
  const lifecycle = lifecycleKinds.get(change.kind);
  if (lifecycle) return [lifecycle.invert(change as LifecycleChange, before)];
  if (!before) throw new InvalidError(`what ${change.target.name} was before the change is not known`);
  return editKindOf(change as MeshChange).invert(change as MeshChange, before);
}

/** The route a change writes to; undefined for a change to the whole object. */
export function routeOf(change: AnyChange): RouteAddress | undefined {
  return editKinds.get(change.kind)?.routeOf(change as MeshChange);
}
