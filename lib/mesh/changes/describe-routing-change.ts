import type { MeshObject } from '../types';
import { applyRoutingChange } from './apply-routing-change';
import type { RoutingChange } from './routing-changes';
import { summarizeSpecChange } from './summarize-spec-change';

/** `checkout: new route http[0] for header end-user=jason → v2; http[1] (default): timeout 10s → 5s`. Never throws. */
export function describeRoutingChange(change: RoutingChange, object: MeshObject): string {
  const name = object.metadata.name;
  let after: MeshObject;
  try {
    after = applyRoutingChange(object, change);
  } catch (error) {
    return `${name}: ${change.kind} (${error instanceof Error ? error.message : String(error)})`;
  }
  const parts = summarizeSpecChange(object, after);
  return `${name}: ${parts.length > 0 ? parts.join('; ') : 'no change'}`;
}
