import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { list, record, strings } from '../graph/read';
import { mergeRoute } from '../mesh/delegate-merge';
import type { HTTPMatchRequest, HTTPRoute, ObjectRef, VirtualService } from '../mesh/types';
import { gatewayName, visibleFrom } from './config-order';
import { appliesHere, isCatchAll, type MatchSite } from './http-match';
import type { RouteAddress, SkippedRoute } from './types';

/** A route block as Istio sends it to Envoy: one per match block, delegates merged in. */
export interface RouteEntry {
  at: RouteAddress;
  envoyName: string;
  route: HTTPRoute;
  match?: HTTPMatchRequest;
  catchAll: boolean;
  /** The namespace the route's hosts are written in (the delegate's, for a delegated route). */
  namespace: string;
}

/**
 * The HTTP routes of one VirtualService for one listener, in order, as Istio builds them
 * (BuildHTTPRoutesForVirtualService after mergeVirtualServicesIfNeeded): delegates replaced
 * by their merged routes; one entry per match block; blocks whose port, gateways or source do
 * not fit left out (with why); nothing after the first block that matches every request.
 */
export function httpRouteTable(
  index: MeshIndex,
  vs: VirtualService,
  site: MatchSite,
): { entries: RouteEntry[]; skipped: SkippedRoute[] } {
  const entries: RouteEntry[] = [];
  const skipped: SkippedRoute[] = [];
  const vsNamespace = namespaceOf(vs);
  const expanded = expandDelegates(index, vs, skipped);
  let stopped: RouteAddress | undefined;
  for (const item of expanded) {
    const matches = list(item.route.match).map((m) => record(m) as HTTPMatchRequest);
    const blocks: Array<HTTPMatchRequest | undefined> = matches.length === 0 ? [undefined] : matches;
    for (const [position, match] of blocks.entries()) {
      const at: RouteAddress = {
        ...item.at,
        ...(match && { matchIndex: position }),
        ...(item.at.delegate && match && { delegate: { ...item.at.delegate, matchIndex: position } }),
      };
      if (stopped) {
        skipped.push({
          at,
          why: `never reached: an earlier block (${describeAt(stopped)}) matches every request`,
        });
        continue;
      }
      const gateways = strings(match?.gateways).map((g) => gatewayName(g, vsNamespace));
      const applies = appliesHere(match, gateways, site);
      if (!applies.ok) {
        skipped.push({ at, why: `not sent to this listener: ${applies.reason}` });
        continue;
      }
      const catchAll = isCatchAll(match);
      entries.push({
        at,
        envoyName: envoyName(item.route, match),
        route: item.route,
        ...(match && { match }),
        catchAll,
        namespace: item.namespace,
      });
      if (catchAll || !match) stopped = at;
    }
  }
  return { entries, skipped };
}

function envoyName(route: HTTPRoute, match: HTTPMatchRequest | undefined): string {
  const name = typeof route.name === 'string' ? route.name : '';
  return match?.name ? `${name}.${match.name}` : name;
}

interface ExpandedRoute {
  at: RouteAddress;
  route: HTTPRoute;
  namespace: string;
}

// A delegate is looked up in the namespace written (the root's by default) and must be
// exported to the root's namespace; a missing or hidden delegate contributes no route.
function expandDelegates(index: MeshIndex, vs: VirtualService, skipped: SkippedRoute[]): ExpandedRoute[] {
  const out: ExpandedRoute[] = [];
  const namespace = namespaceOf(vs);
  const vsRef = refOf(vs);
  list(vs.spec.http).forEach((value, routeIndex) => {
    const route = record(value) as HTTPRoute;
    const at: RouteAddress = { vs: vsRef, routeKind: 'http', routeIndex };
    const delegate = route.delegate && record(route.delegate);
    if (!delegate) {
      out.push({ at, route, namespace });
      return;
    }
    const name = typeof delegate.name === 'string' ? delegate.name : '';
    const delegateNamespace =
      typeof delegate.namespace === 'string' && delegate.namespace ? delegate.namespace : namespace;
    const target = index.virtualServiceByName.get(`${delegateNamespace}/${name}`);
    if (!target || !visibleFrom(target, namespace)) {
      skipped.push({
        at,
        why: target
          ? `delegate ${delegateNamespace}/${name} is not exported to ${namespace}`
          : `delegate ${delegateNamespace}/${name} does not exist`,
      });
      return;
    }
    const rootMatches = list(route.match).map((m) =>
      resolveMatchGateways(record(m) as HTTPMatchRequest, namespace),
    );
    list(target.spec.http).forEach((sub, subIndex) => {
      const subRoute = record(sub) as HTTPRoute;
      const subAt: RouteAddress = { ...at, delegate: { vs: refOf(target), routeIndex: subIndex } };
      if (subRoute.delegate) {
        skipped.push({ at: subAt, why: 'a delegate cannot delegate again' });
        return;
      }
      const subMatches = list(subRoute.match).map((m) =>
        resolveMatchGateways(record(m) as HTTPMatchRequest, delegateNamespace),
      );
      const merged = mergeRoute({ ...route, match: rootMatches }, { ...subRoute, match: subMatches });
      if (!merged) {
        skipped.push({ at: subAt, why: "its matches conflict with the root route's, so Istio drops it" });
        return;
      }
      out.push({ at: subAt, route: merged, namespace: delegateNamespace });
    });
  });
  return out;
}

function resolveMatchGateways(match: HTTPMatchRequest, namespace: string): HTTPMatchRequest {
  const gateways = strings(match.gateways);
  return gateways.length === 0
    ? match
    : { ...match, gateways: gateways.map((g) => gatewayName(g, namespace)) };
}

export function refOf(vs: VirtualService): ObjectRef {
  return { kind: 'VirtualService', namespace: namespaceOf(vs), name: vs.metadata.name };
}

/** `shop/reviews http[2] match 1`, `… via shop/reviews-delegate http[0]`. */
export function describeAt(at: RouteAddress): string {
  const own = `${at.vs.namespace}/${at.vs.name} ${at.routeKind}[${at.routeIndex}]`;
  const match = at.matchIndex !== undefined && !at.delegate ? ` match ${at.matchIndex}` : '';
  const via = at.delegate
    ? ` → delegate ${at.delegate.vs.namespace}/${at.delegate.vs.name} http[${at.delegate.routeIndex}]${
        at.delegate.matchIndex !== undefined ? ` match ${at.delegate.matchIndex}` : ''
      }`
    : '';
  return `${own}${match}${via}`;
}
