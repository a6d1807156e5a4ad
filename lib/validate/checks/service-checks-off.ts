import type { Check } from '../check';

/**
 * Says once per namespace that the Service checks were off for hosts in it (the snapshot holds
 * none of its Services). Runs after vs-destination-host and dr-host, which note the namespaces.
 */
export const serviceChecksOff: Check = {
  name: 'service-checks-off',
  codes: ['SERVICE_CHECKS_OFF'],
  run(context, { emit }) {
    for (const [namespace, object] of context.serviceChecksOff) {
      emit(
        'SERVICE_CHECKS_OFF',
        object,
        '',
        `No Service of namespace ${namespace} is here, so whether the hosts in it exist is not checked (VS_HOST_NOT_FOUND, DR_HOST_NOT_FOUND are off for it). Add its Services to see those checks.`,
      );
    }
  },
};
