import { boundGateways, MESH_GATEWAY, routeGateways } from '../../mesh/resolve';
import type { ServiceEntry } from '../../mesh/types';
import type { Check } from '../check';
import { list, namespaceOf, routesOf } from '../walk';

// How a sidecar serves a port by its declared protocol (pkg/config/protocol: IsHTTP, IsTLS;
// the rest is TCP). An undeclared protocol is sniffed, so any route kind may apply.
const HTTP = new Set(['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-WEB']);
const TLS = new Set(['HTTPS', 'TLS']);

function served(protocol: string | undefined): 'http' | 'tls' | 'tcp' | undefined {
  if (!protocol) return undefined;
  const name = protocol.toUpperCase();
  return HTTP.has(name) ? 'http' : TLS.has(name) ? 'tls' : 'tcp';
}

/**
 * A sidecar builds HTTP routes for a ServiceEntry's HTTP ports and TLS/TCP routes for the
 * others (buildSidecarOutboundListeners: an HTTP connection manager or a TCP/TLS filter chain
 * per port). A route of one kind on a port of the other protocol is never used there.
 * Reported when every port of the entry the route can apply on disagrees.
 */
export const sePortProtocol: Check = {
  name: 'se-port-protocol',
  codes: ['SE_PORT_PROTOCOL_MISMATCH'],
  run(context, { each, emit }) {
    if (context.serviceEntries.length === 0) return;
    each(context.virtualServices, (vs) => {
      const bound = boundGateways(vs);
      if (!bound.has(MESH_GATEWAY)) return;
      const namespace = namespaceOf(vs);
      const hosts = list(vs.spec.hosts).filter((h): h is string => typeof h === 'string');
      // The entry each host names, as routing resolves it (a Service of that name wins).
      const entries = [
        ...new Set(hosts.flatMap((host) => context.resolveHost(host, namespace).serviceEntry ?? [])),
      ];
      if (entries.length === 0) return;
      for (const route of routesOf(vs)) {
        if (!routeGateways({ match: route.matches }, bound, namespace).has(MESH_GATEWAY)) continue;
        const ports = route.matches.map((match) => (typeof match.port === 'number' ? match.port : undefined));
        const wanted = ports.length === 0 || ports.includes(undefined) ? undefined : new Set(ports);
        for (const entry of entries) {
          const onPorts = portsOf(entry).filter((port) => !wanted || wanted.has(port.number));
          if (onPorts.length === 0) continue;
          const kinds = onPorts.map((port) => served(port.protocol));
          if (kinds.some((kind) => kind === undefined || kind === route.kind)) continue;
          emit(
            'SE_PORT_PROTOCOL_MISMATCH',
            vs,
            route.path,
            `This ${route.kind.toUpperCase()} route is never used by sidecars: ServiceEntry ${namespaceOf(entry)}/${entry.metadata.name} declares ${onPorts.map((port) => `${port.number}/${port.protocol}`).join(', ')}, where sidecars build ${kinds.includes('http') ? 'HTTP' : 'TLS/TCP'} routes only.`,
          );
        }
      }
    });
  },
};

function portsOf(entry: ServiceEntry): { number: number; protocol?: string }[] {
  return list(entry.spec.ports).filter((port) => typeof port?.number === 'number');
}
