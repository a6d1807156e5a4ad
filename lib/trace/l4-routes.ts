import { namespaceOf } from '../graph/index-snapshot';
import { labels, list, num, record, strings } from '../graph/read';
import { hostCovers } from '../mesh/resolve';
import type { VirtualService } from '../mesh/types';
import { gatewayName } from './config-order';
import type { WrittenDestination } from './destinations';
import { writtenDestinations } from './destinations';
import type { MatchSite } from './http-match';
import { refOf } from './route-table';
import type { RouteTry } from './types';

/** A TCP or TLS route chosen for a connection. */
export interface L4Choice {
  vs: VirtualService;
  attempt: RouteTry;
  destinations: WrittenDestination[];
}

/**
 * The first TCP route of the VirtualServices (in order) whose match blocks fit the listener:
 * port, gateways, source labels and namespace (Istio's l4 match for gateways and sidecars).
 * A route without matches takes every connection.
 */
export function pickTcpRoute(
  vses: readonly VirtualService[],
  site: MatchSite,
  tried: RouteTry[],
): L4Choice | undefined {
  for (const vs of vses) {
    for (const [routeIndex, value] of list(vs.spec.tcp).entries()) {
      const route = record(value);
      const matches = list(route.match).map(record);
      const blocks = matches.length === 0 ? [undefined] : matches;
      for (const [position, match] of blocks.entries()) {
        const reason = l4Fits(match, vs, site);
        const attempt: RouteTry = {
          at: { vs: refOf(vs), routeKind: 'tcp', routeIndex, ...(match && { matchIndex: position }) },
          envoyName: '',
          matched: reason === undefined,
          conditions: [{ ok: reason === undefined, reason: reason ?? 'fits this listener' }],
        };
        tried.push(attempt);
        if (reason === undefined) return { vs, attempt, destinations: writtenDestinations(route.route) };
      }
    }
  }
  return undefined;
}

/**
 * The TLS route for a handshake naming `sni`: Envoy picks the filter chain whose server name
 * fits best (exact before the longest wildcard), first written among equals.
 */
export function pickTlsRoute(
  vses: readonly VirtualService[],
  site: MatchSite,
  sni: string,
  tried: RouteTry[],
): L4Choice | undefined {
  let best: L4Choice | undefined;
  let rank = 0;
  for (const vs of vses) {
    for (const [routeIndex, value] of list(vs.spec.tls).entries()) {
      const route = record(value);
      for (const [position, match] of list(route.match).map(record).entries()) {
        const misfit = l4Fits(match, vs, site);
        const names = strings(match.sniHosts).map((h) => h.toLowerCase());
        const score = Math.max(
          0,
          ...names.map((n) => (n === sni ? Number.MAX_SAFE_INTEGER : hostCovers(n, sni) ? n.length : 0)),
        );
        const reason =
          misfit ??
          (score === 0 ? `SNI ${sni} is not among ${names.join(', ') || 'no sniHosts'}` : undefined);
        const attempt: RouteTry = {
          at: { vs: refOf(vs), routeKind: 'tls', routeIndex, matchIndex: position },
          envoyName: '',
          matched: false,
          conditions: [{ ok: reason === undefined, reason: reason ?? `SNI ${sni} fits ${names.join(', ')}` }],
        };
        tried.push(attempt);
        if (reason === undefined && score > rank) {
          rank = score;
          best = { vs, attempt, destinations: writtenDestinations(route.route) };
        }
      }
    }
  }
  if (best) best.attempt.matched = true;
  return best;
}

function l4Fits(
  match: Record<string, unknown> | undefined,
  vs: VirtualService,
  site: MatchSite,
): string | undefined {
  if (!match) return undefined;
  const port = num(match.port);
  if (port && port !== site.port) return `port ${port} is not this listener's ${site.port}`;
  const gateways = strings(match.gateways).map((g) => gatewayName(g, namespaceOf(vs)));
  if (gateways.length > 0 && !gateways.includes(site.gateway))
    return `gateways ${gateways.join(', ')} do not include ${site.gateway}`;
  for (const [key, value] of Object.entries(labels(match.sourceLabels))) {
    if (site.proxyLabels[key] !== value) return `source label ${key}=${value} is not on the sender`;
  }
  const namespace = typeof match.sourceNamespace === 'string' ? match.sourceNamespace : '';
  if (namespace && namespace !== site.proxyNamespace)
    return `source namespace ${namespace} is not the sender's ${site.proxyNamespace}`;
  return undefined;
}
