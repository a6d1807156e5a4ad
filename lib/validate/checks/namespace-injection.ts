import type { DestinationRule, VirtualService } from '../../mesh/types';
import type { Check } from '../check';
import { isMeshBound, namespaceOf } from '../walk';

// The root namespace holds mesh-wide configuration and is not injected by design.
const ROOT_NAMESPACE = 'istio-system';

/** Mesh routing rules live in namespaces whose pods get sidecars. */
export const namespaceInjection: Check = {
  name: 'namespace-injection',
  codes: ['NAMESPACE_NOT_INJECTED'],
  run(context, { each, emit }) {
    const visit = (object: VirtualService | DestinationRule) => {
      const namespace = namespaceOf(object);
      if (namespace === ROOT_NAMESPACE || context.injection(namespace) !== 'not-injected') return;
      emit(
        'NAMESPACE_NOT_INJECTED',
        object,
        'metadata.namespace',
        `Namespace ${namespace} has no sidecar injection: its pods run outside the mesh, so this rule does not govern their traffic.`,
      );
    };
    each(context.virtualServices.filter(isMeshBound), visit);
    each(context.destinationRules, visit);
  },
};
