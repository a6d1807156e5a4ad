import type { Check } from '../check';

/**
 * Says once per namespace that the Service checks were off for hosts in it (the snapshot holds
 * none of its Services). Runs after vs-destination-host and dr-host, which note the namespaces.
 */
export const serviceChecksOff: Check = {
  name: 'service-checks-off',
  codes: ['SERVICE_CHECKS_OFF'],
  run(context, { emit }) {
    // At the first host that pointed there: where the graph draws it, and a field to name.
    for (const [namespace, { object, path }] of context.serviceChecksOff) {
      emit(
        'SERVICE_CHECKS_OFF',
        object,
        path,
        `No Service of namespace ${namespace} is here, so whether the hosts in it exist is not checked (VS_HOST_NOT_FOUND, DR_HOST_NOT_FOUND are off for it). Add its Services to see those checks.`,
      );
    }
  },
};
