import type { MeshObject } from '../../mesh/types';
import type { Check, Emit } from '../check';
import { list, record } from '../walk';

/** No deprecated Istio field is in use. */
export const deprecatedFields: Check = {
  name: 'deprecated-fields',
  codes: ['DEPRECATED_FIELD'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      list(vs.spec.http).forEach((value, index) => {
        const route = record(value);
        const path = `spec.http[${index}]`;
        for (const field of ['mirrorPercent', 'mirror_percent']) {
          if (route[field] !== undefined) report(emit, vs, `${path}.${field}`, field, 'mirrorPercentage');
        }
        if (record(record(route.fault).delay).percent !== undefined) {
          report(emit, vs, `${path}.fault.delay.percent`, 'fault.delay.percent', 'fault.delay.percentage');
        }
        if (record(route.corsPolicy).allowOrigin !== undefined) {
          report(
            emit,
            vs,
            `${path}.corsPolicy.allowOrigin`,
            'corsPolicy.allowOrigin',
            'corsPolicy.allowOrigins',
          );
        }
      });
    });
    each(context.destinationRules, (dr) => {
      checkPolicy(emit, dr, 'spec.trafficPolicy', dr.spec.trafficPolicy);
      list(dr.spec.subsets).forEach((subset, index) => {
        checkPolicy(emit, dr, `spec.subsets[${index}].trafficPolicy`, record(subset).trafficPolicy);
      });
    });
    each(context.gateways, (gateway) => {
      list(gateway.spec.servers).forEach((server, index) => {
        if (record(record(server).port).targetPort !== undefined) {
          report(emit, gateway, `spec.servers[${index}].port.targetPort`, 'port.targetPort', undefined);
        }
      });
    });
  },
};

function checkPolicy(emit: Emit, object: MeshObject, path: string, value: unknown, portLevel = false): void {
  const policy = record(value);
  if (record(policy.outlierDetection).consecutiveErrors !== undefined) {
    report(
      emit,
      object,
      `${path}.outlierDetection.consecutiveErrors`,
      'outlierDetection.consecutiveErrors',
      'outlierDetection.consecutive5xxErrors or consecutiveGatewayErrors',
    );
  }
  const loadBalancer = record(policy.loadBalancer);
  if (loadBalancer.simple === 'LEAST_CONN') {
    report(emit, object, `${path}.loadBalancer.simple`, 'loadBalancer.simple: LEAST_CONN', 'LEAST_REQUEST');
  }
  if (record(loadBalancer.consistentHash).minimumRingSize !== undefined) {
    report(
      emit,
      object,
      `${path}.loadBalancer.consistentHash.minimumRingSize`,
      'consistentHash.minimumRingSize',
      'consistentHash.ringHash.minimumRingSize',
    );
  }
  if (loadBalancer.warmupDurationSecs !== undefined) {
    report(
      emit,
      object,
      `${path}.loadBalancer.warmupDurationSecs`,
      'loadBalancer.warmupDurationSecs',
      'loadBalancer.warmup',
    );
  }
  if (portLevel) return;
  list(policy.portLevelSettings as unknown[] | undefined).forEach((settings, index) => {
    checkPolicy(emit, object, `${path}.portLevelSettings[${index}]`, settings, true);
  });
}

function report(
  emit: Emit,
  object: MeshObject,
  path: string,
  field: string,
  replacement: string | undefined,
): void {
  const instead = replacement ? `; use ${replacement}` : '; remove it';
  emit('DEPRECATED_FIELD', object, path, `${field} is deprecated${instead}.`);
}
