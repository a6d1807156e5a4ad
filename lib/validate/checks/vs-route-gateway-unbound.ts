import { boundGateways, MESH_GATEWAY, matchGateways } from '../../mesh/resolve';
import type { Check } from '../check';
import { list, namespaceOf, record } from '../walk';

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
      let bound: Set<string> | undefined;
      for (const kind of ['http', 'tls', 'tcp'] as const) {
        list<unknown>(vs.spec[kind]).forEach((value, index) => {
          const route = record(value);
          const matches = list(route.match as unknown[] | undefined).map(record);
          // Most routes name no gateway in some match: nothing to resolve.
          if (
            matches.length === 0 ||
            matches.some((m) => list(m.gateways as unknown[] | undefined).length === 0)
          )
            return;
          bound ??= boundGateways(vs);
          const binding = bound;
          if (matches.some((match) => matchGateways(match, binding, namespace).length > 0)) return;
          const named = [
            ...new Set(matches.flatMap((match) => list(match.gateways as string[] | undefined))),
          ];
          const boundText = [...binding].map((key) => (key === MESH_GATEWAY ? 'mesh' : key)).join(', ');
          const path = `spec.${kind}[${index}]`;
          emit(
            'VS_ROUTE_GATEWAY_UNBOUND',
            vs,
            matches.length === 1 ? `${path}.match[0].gateways` : `${path}.match`,
            `${typeof route.name === 'string' ? `Route "${route.name}"` : 'This route'} never applies: its ${matches.length === 1 ? 'match names' : 'matches name'} only ${named.map((g) => `"${g}"`).join(', ')}, and the VirtualService is bound to ${boundText} (spec.gateways${list(vs.spec.gateways).length === 0 ? ' empty: mesh' : ''}).`,
          );
        });
      }
    });
  },
};
