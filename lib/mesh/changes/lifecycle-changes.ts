import { z } from 'zod';
import { namespaceName, objectName } from '../object-names';
import type { ObjectRef } from '../types';

/** The kinds a person may create or delete from the graph. */
export const LIFECYCLE_KINDS = ['VirtualService', 'DestinationRule', 'Gateway'] as const;

/** A new object, whole, as a manifest; `target` names it. */
export interface CreateObject {
  kind: 'CreateObject';
  target: ObjectRef;
  object: Record<string, unknown>;
}

/** Removes an object; the request's resourceVersion is the precondition. */
export interface DeleteObject {
  kind: 'DeleteObject';
  target: ObjectRef;
}

/**
 * Changes that make or end an object rather than edit one: the server handles them in its
 * own write path (lib/server/create-delete.ts), not through applyChange.
 */
export type LifecycleChange = CreateObject | DeleteObject;

export function isLifecycleChange(change: { kind: string }): change is LifecycleChange {
  return change.kind === 'CreateObject' || change.kind === 'DeleteObject';
}

const target = z.object({
  kind: z.enum(LIFECYCLE_KINDS),
  namespace: namespaceName,
  name: objectName,
});

/** A create or delete as it arrives over HTTP; the object itself is checked by the parser. */
export const lifecycleChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('CreateObject'), target, object: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('DeleteObject'), target }),
]) as z.ZodType<LifecycleChange>;

/** A create (no version: nothing exists yet) or a delete (the version the screen showed). */
export const lifecycleRequestSchema = z.object({
  change: lifecycleChangeSchema,
  resourceVersion: z.string().optional(),
});
