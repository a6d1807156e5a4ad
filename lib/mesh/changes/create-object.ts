import { z } from 'zod';
import { InvalidError } from '../errors';
import { objectKey } from '../object-key';
import { parseObject } from '../parse';
import type { MeshObject, ObjectRef } from '../types';
import type { LifecycleKind } from './change-kind';
import { fields, lifecycleTarget } from './wire-fields';

/** A new object, whole, as a manifest; `target` names it. */
export interface CreateObject {
  kind: 'CreateObject';
  target: ObjectRef;
  object: Record<string, unknown>;
  /**
   * `next`: where the name turns out taken (someone made it since the screen chose it), take
   * the next free one (`-2`, `-3`…) instead of refusing. Only for a ReferenceGrant, whose name
   * Weir chose and nothing refers to.
   */
  nameTaken?: 'next';
}

export const createObject: LifecycleKind<CreateObject> = {
  kind: 'CreateObject',
  // The object itself is checked by the parser (objectToCreate).
  schema: z.object({
    kind: z.literal('CreateObject'),
    target: lifecycleTarget,
    object: fields,
    nameTaken: z.literal('next').optional(),
  }),
  describe: ({ target }) => `${target.namespace}/${target.name}: ${target.kind} created`,
  invert: ({ target }) => ({ kind: 'DeleteObject', target }),
};

/**
 * The object a create makes: the manifest read as the kind it says it is, in the target's
 * namespace unless it names its own. InvalidError when it does not read, or is not the
 * object the target names.
 */
export function objectToCreate(change: CreateObject): MeshObject {
  const { target, object: manifest } = change;
  const metadata = (manifest.metadata ?? {}) as Record<string, unknown>;
  const parsed = parseObject({ ...manifest, metadata: { namespace: target.namespace, ...metadata } });
  if (!parsed || parsed.kind === 'Invalid') {
    throw new InvalidError(
      parsed?.kind === 'Invalid' ? parsed.reason : 'the manifest is not an object Weir holds',
    );
  }
  const object = parsed as MeshObject;
  const made = objectKey({
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  });
  if (made !== objectKey(target)) throw new InvalidError(`the manifest is ${made}, not ${objectKey(target)}`);
  if (change.nameTaken !== undefined && object.kind !== 'ReferenceGrant') {
    const message = `nameTaken is only for a ReferenceGrant, not a ${object.kind}`;
    throw new InvalidError(message, undefined, [{ path: 'change.nameTaken', message }]);
  }
  return object;
}

/** The same create under another name: `target` and the manifest's name alike. */
export function renamedCreate(change: CreateObject, name: string): CreateObject {
  const metadata = (change.object.metadata ?? {}) as Record<string, unknown>;
  return {
    ...change,
    target: { ...change.target, name },
    object: { ...change.object, metadata: { ...metadata, name } },
  };
}

/**
 * The create as it was written: under the name the server chose when `nameTaken: 'next'`
 * moved it on (`-2`, `-3`, …), and without that option. Undo and redo are recorded with it: the
 * name asked for may hold someone else's grant, with the same spec, which undo would delete.
 */
export function createAsWritten(change: CreateObject, writtenName: string): CreateObject {
  const { nameTaken: _next, ...exact } =
    writtenName === change.target.name ? change : renamedCreate(change, writtenName);
  return exact;
}
