import { z } from 'zod';
import { InvalidError } from '../errors';
import type { MeshObject, ObjectRef } from '../types';
import type { LifecycleKind } from './change-kind';
import type { CreateObject } from './create-object';
import { lifecycleTarget } from './wire-fields';

/** Removes an object; the request's resourceVersion is the precondition. */
export interface DeleteObject {
  kind: 'DeleteObject';
  target: ObjectRef;
}

export const deleteObject: LifecycleKind<DeleteObject> = {
  kind: 'DeleteObject',
  schema: z.object({ kind: z.literal('DeleteObject'), target: lifecycleTarget }),
  describe: ({ target }) => `${target.namespace}/${target.name}: ${target.kind} deleted`,
  // Created again as it was.
  invert(change, before) {
    if (!before) throw new InvalidError(`what ${change.target.name} was before its delete is not known`);
    return { kind: 'CreateObject', target: change.target, object: manifestOf(before) };
  },
};

/**
 * An object as a manifest to create again: kind, name, namespace, labels, annotations and
 * spec. What the API server sets (uid, resourceVersion, timestamps, managed fields) is left
 * for it to set anew.
 */
export function manifestOf(object: MeshObject): CreateObject['object'] {
  const { name, namespace, labels, annotations } = object.metadata;
  const metadata: Record<string, unknown> = { name, namespace };
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  return { apiVersion: object.apiVersion, kind: object.kind, metadata, spec: object.spec };
}
