import type { Kind } from '../mesh/types';
import { invalidId } from './ids';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import type { GraphNode } from './types';

/** Objects Weir read but could not understand: a node each, with the reason as an error. */
export function collectInvalid(index: MeshIndex): GraphNode[] {
  return index.invalid.map(({ key, object }) => {
    const namespace = namespaceOf(object);
    const ofKind = typeof object.ofKind === 'string' ? object.ofKind : 'object';
    const reason = typeof object.reason === 'string' && object.reason ? object.reason : 'not understood';
    return {
      id: invalidId(key),
      kind: 'invalid',
      namespace,
      label: object.metadata.name,
      details: [`${ofKind} ${typeof object.apiVersion === 'string' ? object.apiVersion : ''}`.trim(), reason],
      // Stored under the kind it claimed, so the inspector finds it by this reference.
      ref: { kind: ofKind as Kind, namespace, name: object.metadata.name },
      problems: [{ severity: 'error', code: 'INVALID_OBJECT', message: reason }],
    };
  });
}
