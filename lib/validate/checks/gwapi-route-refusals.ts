import {
  ISTIO_BACKEND_FILTERS,
  ISTIO_RULE_FILTERS,
  isGatewayParent,
  parentTarget,
  type RouteRefusal,
  referenceGranted,
  routeRefusals,
} from '../../mesh/resolve';
import type { Check } from '../check';
import { list, namespaceOf, record } from '../walk';

/**
 * What istiod refuses a whole HTTPRoute or GRPCRoute for, though the CRD accepts it: a rule
 * filter or backendRef filter it does not apply, a Service backendRef named with a dot, a
 * backendRef without a port. It builds none of the route's rules (lib/mesh/resolve's
 * routeRefusals says where that is in istiod). It reads the weights (a weight-0 backend is never
 * read), so a canary step re-runs it (lib/validate/weights-only.ts), and the ReferenceGrants
 * (at a Gateway a backend in another namespace that no grant allows is dropped before its name
 * and port are read: GWAPI_REFERENCE_NOT_PERMITTED says so instead).
 */
export const gwapiRouteRefusals: Check = {
  name: 'gwapi-route-refusals',
  codes: [
    'GWAPI_BACKEND_FILTER_UNSUPPORTED',
    'GWAPI_RULE_FILTER_UNSUPPORTED',
    'GWAPI_BACKEND_NAME_IS_HOSTNAME',
    'GWAPI_BACKEND_PORT_MISSING',
  ],
  run(context, { each, emit }) {
    each(context.gatewayRoutes, (route) => {
      if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return;
      const namespace = namespaceOf(route);
      // istiod checks grants only for Gateway parents; a mesh (GAMMA) parent reads every backend.
      const meshParent = list(route.spec.parentRefs).some(
        (ref) => !isGatewayParent(parentTarget(record(ref), namespace)),
      );
      const permitted = meshParent
        ? undefined
        : (target: Parameters<typeof referenceGranted>[2]) =>
            referenceGranted(context.referenceGrants, { kind: route.kind, namespace }, target);
      for (const refusal of routeRefusals(route, permitted))
        emit(refusal.code, route, refusal.path, message(route.kind, refusal));
    });
  },
};

const REFUSED = (kind: string) =>
  `and builds none of the ${kind}'s rules: its requests find no route (404 unless another route takes them)`;

function message(kind: 'HTTPRoute' | 'GRPCRoute', refusal: RouteRefusal): string {
  switch (refusal.code) {
    case 'GWAPI_BACKEND_FILTER_UNSUPPORTED':
      return `Istio applies only ${ISTIO_BACKEND_FILTERS.join(' and ')} on a backendRef; istiod refuses this ${refusal.filterType} filter (ResolvedRefs=False, InvalidFilter) ${REFUSED(kind)}.`;
    case 'GWAPI_RULE_FILTER_UNSUPPORTED':
      return `Istio applies only ${ISTIO_RULE_FILTERS[kind].join(', ')} in a ${kind} rule; istiod refuses this ${refusal.filterType} filter (ResolvedRefs=False, InvalidFilter) ${REFUSED(kind)}.`;
    case 'GWAPI_BACKEND_NAME_IS_HOSTNAME':
      return `A Service backendRef names the Service, not a host; istiod refuses a name with a dot (ResolvedRefs=False, InvalidDestination: "the name of the Service must be used, not the hostname") ${REFUSED(kind)}, not only this backend's share.`;
    case 'GWAPI_BACKEND_PORT_MISSING':
      return `This backendRef has no port; istiod refuses it (ResolvedRefs=False, InvalidDestination: "port is required in backendRef") ${REFUSED(kind)}, not only this backend's share.`;
  }
}
