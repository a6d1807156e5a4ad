import type { StoredObject } from './types';

/**
 * The object apart from what every write moves and nothing Weir judges reads (its
 * resourceVersion, generation and managedFields): two versions equal here hold the same content.
 */
export function withoutWriteMarks(object: StoredObject): Record<string, unknown> {
  const {
    resourceVersion: _version,
    generation: _generation,
    managedFields: _fields,
    ...metadata
  } = object.metadata as StoredObject['metadata'] & { generation?: number; managedFields?: unknown };
  return { ...object, metadata };
}
