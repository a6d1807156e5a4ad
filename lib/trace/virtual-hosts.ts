import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { record, strings } from '../graph/read';
import { hostCandidates, hostIntersection, serverHostsFor } from '../mesh/resolve';
import type { VirtualService } from '../mesh/types';
import { virtualServicesFor } from './config-order';
import type { ServerSite } from './gateway-servers';
import type { MatchSite } from './http-match';
import { memo } from './index-memo';
import { httpRouteTable, type RouteEntry, refOf } from './route-table';
import type { Candidate, SkippedRoute } from './types';

/** One of Envoy's virtual hosts on a gateway listener: a domain and the routes Istio put there. */
export interface VirtualHost {
  domain: string;
  routes: RouteEntry[];
  candidates: Candidate[];
  skipped: SkippedRoute[];
  /** `httpsRedirect` on a server for this host: plain HTTP gets a 301 to https. */
  requireTls: boolean;
}

/**
 * The virtual hosts of a gateway's HTTP route configuration for the given servers, as Istio
 * builds them (buildGatewayHTTPRouteConfig): for each server, each VirtualService bound to its
 * Gateway and visible to the gateway's namespace, the hosts both name (the more specific of
 * each pair) become domains; several VirtualServices for one domain have their routes
 * appended in order, and then the routes that match everything move to the end
 * (SortVHostRoutes).
 */
export function gatewayVirtualHosts(
  index: MeshIndex,
  servers: readonly ServerSite[],
  proxyNamespace: string,
  site: Omit<MatchSite, 'gateway'>,
): VirtualHost[] {
  const key = JSON.stringify([servers.map((s) => [s.gatewayName, s.index, s.port]), proxyNamespace, site]);
  return memo(index, `vhosts|${key}`, () => buildVirtualHosts(index, servers, proxyNamespace, site));
}

function buildVirtualHosts(
  index: MeshIndex,
  servers: readonly ServerSite[],
  proxyNamespace: string,
  site: Omit<MatchSite, 'gateway'>,
): VirtualHost[] {
  const hosts = new Map<string, VirtualHost>();
  const tables = new Map<string, ReturnType<typeof httpRouteTable>>();
  for (const server of servers) {
    const gatewayNamespace = namespaceOf(server.gateway);
    const redirect = record(server.server.tls).httpsRedirect === true;
    for (const vs of virtualServicesFor(index, server.gatewayName, proxyNamespace)) {
      const vsHosts = hostsOf(vs);
      const serverHosts = serverHostsFor(server.hosts, gatewayNamespace, namespaceOf(vs)).map((h) =>
        h.toLowerCase(),
      );
      const shared = hostIntersection(serverHosts, vsHosts);
      if (shared.length === 0) continue;
      const key = `${server.gatewayName}|${namespaceOf(vs)}/${vs.metadata.name}`;
      let table = tables.get(key);
      if (!table) {
        table = httpRouteTable(index, vs, { ...site, gateway: server.gatewayName });
        tables.set(key, table);
      }
      // Istio leaves out a VirtualService with no route for this listener ("no routes matched").
      if (table.entries.length === 0) continue;
      for (const domain of shared) {
        let host = hosts.get(domain);
        if (!host) {
          host = { domain, routes: [], candidates: [], skipped: [], requireTls: false };
          hosts.set(domain, host);
        }
        host.routes.push(...table.entries);
        host.skipped.push(...table.skipped);
        host.candidates.push({
          vs: refOf(vs),
          hosts: vsHosts,
          via: `${server.gatewayName} server ${server.index} (${server.hosts.join(', ')})`,
        });
        if (redirect) host.requireTls = true;
      }
    }
    if (redirect) {
      for (const written of server.hosts) {
        const domain = written.slice(written.indexOf('/') + 1).toLowerCase();
        const host = hosts.get(domain);
        if (host) host.requireTls = true;
        else hosts.set(domain, { domain, routes: [], candidates: [], skipped: [], requireTls: true });
      }
    }
  }
  for (const host of hosts.values()) {
    host.routes = [...host.routes.filter((r) => !r.catchAll), ...host.routes.filter((r) => r.catchAll)];
  }
  return [...hosts.values()];
}

/**
 * The virtual host Envoy picks for a request host: an exact domain, else the longest
 * `*.suffix` domain that covers it, else `*` (Envoy's domain search order).
 */
export function pickVirtualHost<T extends { domain: string }>(
  hosts: readonly T[],
  host: string,
): T | undefined {
  const exact = hosts.find((h) => h.domain === host);
  if (exact) return exact;
  let best: T | undefined;
  for (const h of hosts) {
    if (h.domain === '*' || !h.domain.startsWith('*')) continue;
    if (
      host.length >= h.domain.length &&
      host.endsWith(h.domain.slice(1)) &&
      (!best || h.domain.length > best.domain.length)
    )
      best = h;
  }
  return best ?? hosts.find((h) => h.domain === '*');
}

/** A VirtualService's hosts as Istio reads them (ResolveShortnameToFQDN), lower case. */
export function hostsOf(vs: VirtualService): string[] {
  return strings(vs.spec.hosts).map((h) => hostCandidates(h, namespaceOf(vs))[0] ?? h.toLowerCase());
}
