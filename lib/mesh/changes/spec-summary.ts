import type { MeshObject } from '../types';
import type { ChangeRecord } from './change-kind';
import { checkFields } from './field-gate';
import { summarizeSpecChange } from './summarize-spec-change';

/**
 * A describe that reads the change by what it does to the spec: `checkout: new route http[0]
 * for header end-user=jason → v2; http[1] (default): timeout 10s → 5s`. Never throws: a
 * change that does not apply says why.
 */
export function describeBySpec<C extends ChangeRecord>(apply: (object: MeshObject, change: C) => MeshObject) {
  return (change: C, object: MeshObject): string => {
    const name = object.metadata.name;
    let after: MeshObject;
    try {
      after = checkFields(object, apply(object, change));
    } catch (error) {
      return `${name}: ${change.kind} (${error instanceof Error ? error.message : String(error)})`;
    }
    const parts = summarizeSpecChange(object, after);
    return `${name}: ${parts.length > 0 ? parts.join('; ') : 'no change'}`;
  };
}
