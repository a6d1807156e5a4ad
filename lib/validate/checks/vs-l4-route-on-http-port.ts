import { boundGateways, MESH_GATEWAY, matchGateways } from '../../mesh/resolve';
import type { Check } from '../check';
import type { ValidationContext } from '../context';
import { list, namespaceOf, record, routesOf } from '../walk';

// Protocols istiod serves with an HTTP connection manager on a gateway (protocol.IsHTTP).
const HTTP_PROTOCOLS = new Set(['http', 'http2', 'http_proxy', 'grpc', 'grpc-web']);
const PASSTHROUGH = new Set(['PASSTHROUGH', 'AUTO_PASSTHROUGH']);

/**
 * Whether a gateway server carries only HTTP routes: an HTTP protocol, or HTTPS that terminates
 * TLS (gateway.IsHTTPSServerWithTLSTermination). istiod builds TLS routes only for passthrough
 * servers and TCP routes only for the other non-HTTP ones (createGatewayTCPFilterChainOpts).
 */
export function servesHttpOnly(server: unknown): boolean {
  const protocol = record(record(server).port).protocol;
  if (typeof protocol !== 'string') return false;
  const name = protocol.toLowerCase();
  if (HTTP_PROTOCOLS.has(name)) return true;
  const tls = record(server).tls;
  if (name !== 'https' || tls === undefined || tls === null) return false;
  const mode = record(tls).mode;
  return !(typeof mode === 'string' && PASSTHROUGH.has(mode));
}

/**
 * A TLS or TCP route that applies only on gateways whose every server on its port serves HTTP
 * is never used. Reported only when every place the route applies is such a gateway: the
 * sidecars, a Gateway Weir does not hold, or a port with no server or a non-HTTP one says
 * nothing.
 */
export const vsL4RouteOnHttpPort: Check = {
  name: 'vs-l4-route-on-http-port',
  codes: ['VS_L4_ROUTE_ON_HTTP_PORT'],
  run(context, { each, emit }) {
    each(context.virtualServices, (vs) => {
      if (list(vs.spec.hosts).length === 0) return;
      if (list(vs.spec.tls).length === 0 && list(vs.spec.tcp).length === 0) return;
      const namespace = namespaceOf(vs);
      const bound = boundGateways(vs);
      for (const route of routesOf(vs)) {
        if (route.kind === 'http') continue;
        const places =
          route.matches.length === 0
            ? [{ gateways: [...bound], port: undefined }]
            : route.matches.map((match) => ({
                gateways: matchGateways(match, bound, namespace),
                port: typeof match.port === 'number' ? match.port : undefined,
              }));
        const seen: string[] = [];
        let live = false;
        let used = false;
        for (const { gateways, port } of places) {
          for (const key of gateways) {
            live = true;
            const servers = httpOnlyServers(context, key, port);
            if (!servers) used = true;
            else seen.push(`${key}${port === undefined ? '' : ` port ${port}`} (${servers})`);
          }
        }
        // A route that applies nowhere is VS_ROUTE_GATEWAY_UNBOUND's.
        if (!live || used) continue;
        emit(
          'VS_L4_ROUTE_ON_HTTP_PORT',
          vs,
          route.path,
          `This ${route.kind.toUpperCase()} route is never used: it applies only on ${[...new Set(seen)].join('; ')}, where every server serves HTTP, and a gateway builds only HTTP routes for those. ${route.kind === 'tls' ? 'TLS routes apply on TLS or HTTPS servers in PASSTHROUGH mode' : 'TCP routes apply on TCP, TLS (terminating) and other non-HTTP servers'}.`,
        );
      }
    });
  },
};

/**
 * The protocols of the servers on `port` (any port when undefined) of the gateway, when there
 * are some and all serve only HTTP; undefined when the route could be used there.
 */
function httpOnlyServers(
  context: ValidationContext,
  key: string,
  port: number | undefined,
): string | undefined {
  if (key === MESH_GATEWAY) return undefined;
  const slash = key.indexOf('/');
  const gateway = context.gateway(key.slice(0, slash), key.slice(slash + 1));
  if (!gateway) return undefined;
  const servers = list(gateway.spec.servers).filter(
    (server) => port === undefined || record(record(server).port).number === port,
  );
  if (servers.length === 0 || !servers.every(servesHttpOnly)) return undefined;
  return [...new Set(servers.map((server) => serverText(server)))].join(', ');
}

function serverText(server: unknown): string {
  const port = record(record(server).port);
  const mode = record(record(server).tls).mode;
  return `${String(port.protocol)} ${String(port.number)}${typeof mode === 'string' ? ` ${mode}` : ''}`;
}
