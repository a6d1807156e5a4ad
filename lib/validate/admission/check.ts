import type { MeshObject } from '../../mesh/types';
import type { Check } from '../check';
import { ADMISSION_RULES } from './codes';
import { annotationProblems } from './common';
import { destinationRuleProblems } from './destination-rule';
import { type Json, type Problem, Problems } from './fields';
import { gatewayProblems } from './gateway';
import { serviceEntryProblems } from './service-entry';
import { virtualServiceProblems } from './virtual-service';

/**
 * What Istio's validating webhook would refuse in one object, judged from the object alone (no
 * other object is looked at), so a caller may cache it per object version.
 */
export function admissionProblems(object: MeshObject): Problem[] {
  const out = new Problems();
  const namespace = object.metadata.namespace ?? '';
  const spec = object.spec as unknown as Json;
  annotationProblems(object.metadata.annotations, out);
  switch (object.kind) {
    case 'Gateway':
      gatewayProblems(object.metadata.name, spec, out);
      break;
    case 'VirtualService':
      virtualServiceProblems(namespace, spec, out);
      break;
    case 'DestinationRule':
      destinationRuleProblems(namespace, spec, out);
      break;
    case 'ServiceEntry':
      serviceEntryProblems(namespace, spec, object.metadata.labels ?? {}, out);
      break;
    default:
      return [];
  }
  return out.list;
}

/** Every rule of Istio's admission validation (pkg/config/validation), one finding per problem. */
export const admission: Check = {
  name: 'admission',
  codes: ADMISSION_RULES.map((rule) => rule.code),
  run(context, { each, emit }) {
    const visit = (object: MeshObject) => {
      for (const problem of admissionProblems(object))
        emit(problem.code, object, problem.path, problem.message);
    };
    each(context.virtualServices, visit);
    each(context.destinationRules, visit);
    each(context.gateways, visit);
    each(context.serviceEntries, visit);
  },
};
