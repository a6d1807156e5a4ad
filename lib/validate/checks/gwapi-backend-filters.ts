import { ISTIO_BACKEND_FILTERS, refusedBackendFilters } from '../../mesh/resolve';
import type { Check } from '../check';
import { list } from '../walk';

/**
 * A backendRef filter Istio does not apply (anything but the header modifiers) on a backend
 * that takes traffic: the CRD accepts it, istiod refuses it and builds none of the route's rules
 * (lib/mesh/resolve's refusedBackendFilters says where that is in istiod). It reads the
 * weights (a weight-0 backend's filters are never read), so a canary step re-runs it
 * (lib/validate/weights-only.ts).
 */
export const gwapiBackendFilters: Check = {
  name: 'gwapi-backend-filters',
  codes: ['GWAPI_BACKEND_FILTER_UNSUPPORTED'],
  run(context, { each, emit }) {
    each(context.gatewayRoutes, (route) => {
      if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return;
      list<unknown>(route.spec.rules).forEach((rule, ruleIndex) => {
        for (const { path, type } of refusedBackendFilters(rule)) {
          emit(
            'GWAPI_BACKEND_FILTER_UNSUPPORTED',
            route,
            `spec.rules[${ruleIndex}].${path}`,
            `Istio applies only ${ISTIO_BACKEND_FILTERS.join(' and ')} on a backendRef; istiod refuses this ${type} filter (ResolvedRefs=False, InvalidFilter) and builds none of the ${route.kind}'s rules: its requests find no route (404 unless another route takes them).`,
          );
        }
      });
    });
  },
};
