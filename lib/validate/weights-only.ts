import { objectKey } from '../mesh/object-key';
import type { MeshSnapshot, ObjectKey } from '../mesh/types';
import { admission } from './admission/check';
import { gwapiRouteRefusals } from './checks/gwapi-route-refusals';
import { gwapiWeights } from './checks/gwapi-routes';
import { vsWeights } from './checks/vs-weights';
import { ValidationContext } from './context';
import type { Finding } from './types';
import { runChecks } from './validate';

/** The rules that read a route's weights; no other rule looks at them. */
const WEIGHT_CHECKS = [vsWeights, gwapiWeights, gwapiRouteRefusals, admission];
const WEIGHT_CODES: ReadonlySet<string> = new Set(WEIGHT_CHECKS.flatMap((check) => check.codes));
const ADMISSION_CODES: ReadonlySet<string> = new Set(admission.codes);

/**
 * validate(after) from validate(before) when only the weights of the routes `changed`
 * moved (weightOnlyChanges): their weight rules run again, nothing else does. Undefined when
 * Istio's admission refuses something in them before or after: a refusal hides Weir's other
 * findings on its field, which only a whole run can bring back.
 */
export function revalidateWeights(
  before: readonly Finding[],
  after: MeshSnapshot,
  changed: readonly ObjectKey[],
): Finding[] | undefined {
  const keys = new Set(changed);
  const objects: MeshSnapshot['objects'] = {};
  for (const key of changed) {
    const object = after.objects[key];
    if (object) objects[key] = object;
  }
  // The ReferenceGrants decide whether istiod reads a backend's name and port at a Gateway
  // (gwapi-route-refusals); nothing in WEIGHT_CHECKS reports on a grant itself but admission,
  // which sends the whole run back.
  for (const [key, object] of Object.entries(after.objects))
    if (object.kind === 'ReferenceGrant') objects[key as ObjectKey] = object;
  const fresh = runChecks(new ValidationContext({ ...after, objects }), WEIGHT_CHECKS);
  const kept: Finding[] = [];
  for (const finding of before) {
    if (!keys.has(objectKey(finding.ref))) kept.push(finding);
    else if (ADMISSION_CODES.has(finding.code)) return undefined;
    else if (!WEIGHT_CODES.has(finding.code)) kept.push(finding);
  }
  if (fresh.some((finding) => ADMISSION_CODES.has(finding.code) || !WEIGHT_CODES.has(finding.code)))
    return undefined;
  return [...kept, ...fresh];
}
