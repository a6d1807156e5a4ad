import 'server-only';
import { storedKind } from '../../mesh/object-key';
import type { InvalidObject, ObjectKey, SourceLocation, StoredObject } from '../../mesh/types';

/**
 * A problem in the folder that has no object identity (a file that is not YAML, a document
 * that is not a Kubernetes object). It is keyed `Invalid//<file>#<document>`: `Invalid` is
 * no Kubernetes kind, so the key cannot collide with a real object's, and parseObjectKey
 * reads it back as kind `Invalid`, namespace '' (like a cluster-scoped object) and name
 * `<file>#<document>`, with the file relative to the folder.
 */
export function fileProblem(source: SourceLocation, reason: string, raw?: unknown): InvalidObject {
  return {
    kind: 'Invalid',
    ofKind: 'Invalid',
    apiVersion: '',
    metadata: { name: `${source.file}#${source.document}`, namespace: '' },
    reason,
    raw,
    source,
  };
}

/** `file:line`, the way an editor or a terminal links to it. */
export function where(source: SourceLocation | undefined): string {
  return source ? `${source.file}:${source.line}` : 'an unknown place';
}

/**
 * One object defined in several places. kubectl would apply them one over the other and
 * Argo CD reports a conflict; Weir holds neither, shows the key as a problem where the
 * object would be drawn, and refuses to edit it until one definition is left.
 */
export function duplicateObject(key: ObjectKey, definitions: readonly StoredObject[]): InvalidObject {
  const [first] = definitions as [StoredObject, ...StoredObject[]];
  const places = definitions.map((definition) => where(definition.source)).join(', ');
  return {
    kind: 'Invalid',
    ofKind: storedKind(first),
    apiVersion: first.apiVersion,
    metadata: { name: first.metadata.name, namespace: first.metadata.namespace ?? '' },
    reason: `${key} is defined ${definitions.length} times (${places}); keep one of them`,
    raw: first.kind === 'Invalid' ? first.raw : first,
    ...(first.source && { source: first.source }),
  };
}
