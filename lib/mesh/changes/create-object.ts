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
}

export const createObject: LifecycleKind<CreateObject> = {
  kind: 'CreateObject',
  // The object itself is checked by the parser (objectToCreate).
  schema: z.object({ kind: z.literal('CreateObject'), target: lifecycleTarget, object: fields }),
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
  return object;
}
