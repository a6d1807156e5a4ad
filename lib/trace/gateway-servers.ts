import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { labels, list, num, record, strings, text } from '../graph/read';
import { hostCovers, selects } from '../mesh/resolve';
import type { Gateway, GatewayServer } from '../mesh/types';
import { istioOrder } from './config-order';

/** How a gateway server handles what arrives on its port. */
export type ServerMode = 'http' | 'https' | 'tls-passthrough' | 'tcp';

export interface ServerSite {
  gateway: Gateway;
  /** `namespace/name` of its Gateway. */
  gatewayName: string;
  index: number;
  server: GatewayServer;
  port: number;
  protocol: string;
  hosts: string[];
  mode: ServerMode;
}

/** The gateway's pods as a proxy: labels and namespace (its selector and own namespace when no pod is known). */
export function gatewayProxy(
  index: MeshIndex,
  gateway: Gateway,
): { labels: Record<string, string>; namespace: string } {
  const selector = labels(gateway.spec.selector);
  const pod = index.pods.find(
    (p) => Object.keys(selector).length > 0 && selects(selector, p.metadata.labels),
  );
  return pod
    ? { labels: labels(pod.metadata.labels), namespace: namespaceOf(pod) }
    : { labels: selector, namespace: namespaceOf(gateway) };
}

/**
 * Every server on `port` of the Gateways that select the same proxy (Istio merges them into
 * one listener per port), Gateways in configuration order, servers in written order.
 */
export function serversOnPort(
  index: MeshIndex,
  proxyLabels: Record<string, string>,
  port: number,
): ServerSite[] {
  const gateways = index.gateways
    .filter((g) => selects(labels(g.spec.selector), proxyLabels))
    .sort(istioOrder);
  const sites: ServerSite[] = [];
  for (const gateway of gateways) {
    list(gateway.spec.servers).forEach((value, position) => {
      const server = record(value) as unknown as GatewayServer;
      const written = record(server.port);
      if (num(written.number) !== port) return;
      const protocol = (text(written.protocol) ?? 'HTTP').toUpperCase();
      sites.push({
        gateway,
        gatewayName: `${namespaceOf(gateway)}/${gateway.metadata.name}`,
        index: position,
        server,
        port,
        protocol,
        hosts: strings(server.hosts),
        mode: modeOf(protocol, text(record(server.tls).mode)),
      });
    });
  }
  return sites;
}

function modeOf(protocol: string, tlsMode: string | undefined): ServerMode {
  if (protocol === 'HTTP' || protocol === 'HTTP2' || protocol === 'GRPC') return 'http';
  if (protocol === 'HTTPS' || protocol === 'TLS') {
    if (tlsMode === 'PASSTHROUGH' || tlsMode === 'AUTO_PASSTHROUGH') return 'tls-passthrough';
    return protocol === 'HTTPS' ? 'https' : 'tcp';
  }
  return 'tcp';
}

/**
 * The terminating server a TLS handshake with `sni` reaches (Envoy's filter chain match on
 * server names): an exact name first, else the longest wildcard that covers it; a server
 * with no name to offer is only used when no other fits.
 */
export function serverForSni(sites: readonly ServerSite[], sni: string | undefined): ServerSite | undefined {
  let best: ServerSite | undefined;
  let rank = 0;
  for (const site of sites) {
    for (const entry of site.hosts) {
      const host = entry.slice(entry.indexOf('/') + 1).toLowerCase();
      const score =
        sni !== undefined && host === sni
          ? Number.MAX_SAFE_INTEGER
          : sni !== undefined && hostCovers(host, sni)
            ? host.length
            : 0;
      if (score > rank) {
        rank = score;
        best = site;
      }
    }
  }
  return best ?? sites.find((site) => site.hosts.some((h) => h.endsWith('*')));
}
