import { boundGateways, hostsOverlap, MESH_GATEWAY, matchGateways, serverHostsFor } from '../../mesh/resolve';
import type { Check } from '../check';
import { list, namespaceOf, record, routesOf } from '../walk';

/**
 * A route that applies at a Gateway through matches naming a port, or SNI hosts, that no
 * server of that Gateway takes is never used there: istiod builds a gateway's routes per
 * server (port, and for TLS the SNI hosts the server admits), and a match on another port or
 * SNI finds no filter chain. The egress pattern (a route `gateways: [istio-egressgateway]` on
 * to the external host) fails this way when the Gateway's server and the route disagree.
 */
export const vsGatewayRouteNotServed: Check = {
  name: 'vs-gateway-route-not-served',
  codes: ['VS_GATEWAY_ROUTE_NOT_SERVED'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      const namespace = namespaceOf(vs);
      const bound = boundGateways(vs);
      for (const route of routesOf(vs)) {
        route.matches.forEach((match, position) => {
          const port = typeof match.port === 'number' ? match.port : undefined;
          const sni = list(match.sniHosts as unknown[] | undefined).filter(
            (host): host is string => typeof host === 'string',
          );
          if (port === undefined && sni.length === 0) return;
          for (const key of matchGateways(match, bound, namespace)) {
            if (key === MESH_GATEWAY) continue;
            const slash = key.indexOf('/');
            const gateway = context.gateway(key.slice(0, slash), key.slice(slash + 1));
            if (!gateway) continue;
            const servers = list(gateway.spec.servers).map(record);
            const onPort = servers.filter(
              (server) => port === undefined || record(server.port).number === port,
            );
            const problem =
              onPort.length === 0
                ? `no server of Gateway ${key} listens on port ${port}`
                : sni.length > 0 &&
                    !onPort.some((server) => {
                      const hosts = serverHostsFor(
                        list(server.hosts as unknown[] | undefined).filter(
                          (h): h is string => typeof h === 'string',
                        ),
                        namespaceOf(gateway),
                        namespace,
                      );
                      return sni.some((name) => hosts.some((host) => hostsOverlap(host, name)));
                    })
                  ? `no server of Gateway ${key}${port === undefined ? '' : ` on port ${port}`} accepts SNI ${sni.join(', ')}`
                  : undefined;
            if (!problem) continue;
            emit(
              'VS_GATEWAY_ROUTE_NOT_SERVED',
              vs,
              `${route.path}.match[${position}]`,
              `This match is never used at ${key}: ${problem}.`,
            );
          }
        });
      }
    });
  },
};
