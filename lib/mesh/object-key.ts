import type { Kind, ObjectKey, ObjectRef, StoredObject } from './types';

/** The key of an object in a snapshot: `Kind/namespace/name`. */
export function objectKey(ref: ObjectRef): ObjectKey {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** The kind an object is stored under: an invalid object keeps the kind it claimed. */
export function storedKind(object: StoredObject): string {
  return object.kind === 'Invalid' ? object.ofKind : object.kind;
}

/** The key a stored object lives under. */
export function keyOf(object: StoredObject): ObjectKey {
  return `${storedKind(object)}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** Parses `Kind/namespace/name` back into a reference. */
export function parseObjectKey(key: ObjectKey): ObjectRef {
  const [kind, namespace = '', ...rest] = key.split('/');
  return { kind: kind as Kind, namespace, name: rest.join('/') };
}
