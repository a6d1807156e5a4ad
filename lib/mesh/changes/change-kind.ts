import type { z } from 'zod';
import type { RouteAddress } from '../route-address';
import type { MeshObject, ObjectRef } from '../types';
import type { AnyChange, MeshChange } from './kinds';

/** What every change record has: its kind and the object it acts on. */
export interface ChangeRecord {
  kind: string;
  target: ObjectRef;
}

/**
 * Everything Weir knows about one kind of change that edits an object, in one module
 * (`lib/mesh/changes/<kind>.ts`); the table in kinds.ts builds the union type, the schema
 * and the dispatch from these. Methods, not function fields: the table holds each kind's
 * module as the general one.
 */
export interface EditKind<C extends ChangeRecord> {
  kind: C['kind'];
  /** The record as it arrives over HTTP; apply checks the rest. */
  schema: z.ZodObject;
  /**
   * The object with the change made; pure (the input is never mutated, what the change does
   * not touch is shared as it is). Throws InvalidError when the change does not fit. The
   * field checks that every kind passes run after it (kinds.ts).
   */
  apply(object: MeshObject, change: C): MeshObject;
  /**
   * After a 409: the change made against `base`, to apply to `current` when it still applies
   * cleanly, else undefined (a real conflict: the person sees both and chooses).
   */
  rebase(change: C, base: MeshObject, current: MeshObject): C | undefined;
  /** One line for history and review, read against the object it applies to; never throws. */
  describe(change: C, object: MeshObject): string;
  /** The changes that take what `change` made of `before` back to `before`, in order. */
  invert(change: C, before: MeshObject): MeshChange[];
  /** The route the change writes to; undefined when it acts on the whole object. */
  routeOf(change: C): RouteAddress | undefined;
}

/**
 * A change that makes or ends an object rather than edit one: the server writes it with
 * create or delete (lib/server/create-delete.ts), not by applying it to an object.
 */
export interface LifecycleKind<C extends ChangeRecord> {
  kind: C['kind'];
  schema: z.ZodObject;
  /** One line for history and review. */
  describe(change: C): string;
  /** The change that takes it back; `before` is the object a delete removed. */
  invert(change: C, before?: MeshObject): AnyChange;
}
