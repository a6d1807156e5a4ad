import type { DestinationRule, VirtualService } from '../../mesh/types';
import type { Check } from '../check';
import { isMeshBound, namespaceOf } from '../walk';

/** Mesh routing rules live in namespaces whose pods get sidecars. */
export const namespaceInjection: Check = {
  name: 'namespace-injection',
  codes: ['NAMESPACE_NOT_INJECTED'],
  run(context, { each, emit }) {
    const visit = (object: VirtualService | DestinationRule) => {
      const namespace = namespaceOf(object);
      // The root namespace holds mesh-wide configuration, and the mesh config's namespace
      // Istio's control plane (they differ when the mesh config names another root, or names
      // none while living elsewhere): neither is injected by design.
      const { rootNamespace, meshConfigNamespace } = context.outbound;
      if (
        namespace === rootNamespace ||
        namespace === meshConfigNamespace ||
        context.injection(namespace) !== 'not-injected'
      )
        return;
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
