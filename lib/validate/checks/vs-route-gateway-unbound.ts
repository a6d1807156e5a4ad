import { MESH_GATEWAY } from '../../mesh/resolve';
import type { Check } from '../check';
import { list, namespaceOf, routesOf } from '../walk';
import { boundGateways, matchGateways } from './route-gateways';

/**
 * A route whose every match names only gateways the VirtualService is not bound to never
 * applies anywhere. Delegates (no hosts) take their gateways from the root and are left out.
 */
export const vsRouteGatewayUnbound: Check = {
  name: 'vs-route-gateway-unbound',
  codes: ['VS_ROUTE_GATEWAY_UNBOUND'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      if (list(vs.spec.hosts).length === 0) return;
      const namespace = namespaceOf(vs);
      const bound = boundGateways(vs);
      for (const route of routesOf(vs)) {
        if (route.matches.length === 0) continue;
        if (route.matches.some((match) => matchGateways(match, bound, namespace).length > 0)) continue;
        const named = [
          ...new Set(route.matches.flatMap((match) => list(match.gateways as string[] | undefined))),
        ];
        const boundText = [...bound].map((key) => (key === MESH_GATEWAY ? 'mesh' : key)).join(', ');
        emit(
          'VS_ROUTE_GATEWAY_UNBOUND',
          vs,
          route.matches.length === 1 ? `${route.path}.match[0].gateways` : `${route.path}.match`,
          `${route.name ? `Route "${route.name}"` : 'This route'} never applies: its ${route.matches.length === 1 ? 'match names' : 'matches name'} only ${named.map((g) => `"${g}"`).join(', ')}, and the VirtualService is bound to ${boundText} (spec.gateways${list(vs.spec.gateways).length === 0 ? ' empty: mesh' : ''}).`,
        );
      }
    });
  },
};
