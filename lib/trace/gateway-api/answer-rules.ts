import type { MeshIndex } from '../../graph/index-snapshot';
import { list, num, record, text } from '../../graph/read';
import type { GatewayRoute } from '../../mesh/gateway-api-types';
import { backendTarget, isServiceKey, isServiceRef, serviceFqdn } from '../../mesh/resolve';
import type { ObjectRef } from '../../mesh/types';
import { traceDestinations } from '../destinations';
import { end, routed } from '../finish';
import type { TraceRequest } from '../request';
import type { GatewayApiTry, TracedDestination, TraceResult } from '../types';
import { orderMatches, type RankedMatch, rankedMatchesOf } from './precedence';
import { matchConditions } from './route-match';
import { ruleEffects } from './rule-effects';

/** The routes that answer one host, with their matches already in precedence order. */
export interface RouteCandidates {
  routes: GatewayRoute[];
  ordered: RankedMatch[];
}

/** Routes and their matches in the order the proxy tries them (worth keeping: the same for every request). */
export function candidatesOf(routes: GatewayRoute[]): RouteCandidates {
  return { routes, ordered: orderMatches(routes.flatMap(rankedMatchesOf)) };
}

/** The ObjectRef of a route. */
export function routeRef(route: GatewayRoute): ObjectRef {
  return { kind: route.kind, namespace: route.metadata.namespace ?? '', name: route.metadata.name };
}

const where = (t: Pick<GatewayApiTry, 'route' | 'ruleIndex' | 'matchIndex'>) =>
  `${t.route.kind} ${t.route.namespace}/${t.route.name} rule ${t.ruleIndex}${t.matchIndex !== undefined ? ` match ${t.matchIndex}` : ''}`;

/**
 * The end of a trace through Gateway API routes, once the routes for the request's host are
 * known: every match of their rules in precedence order until one holds, then what that rule
 * does (filters) and where it sends the request (backendRefs with their relative shares).
 */
export function answerWithRoutes(
  index: MeshIndex,
  result: TraceResult,
  candidates: RouteCandidates,
  request: TraceRequest,
  site: { port: number; scheme: 'http' | 'https' },
): TraceResult {
  const { routes, ordered } = candidates;
  const trace = result.gatewayApi ?? { routes: [], tried: [] };
  result.gatewayApi = trace;
  trace.routes = routes.map(routeRef);
  const byKey = new Map(routes.map((r) => [`${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`, r]));
  result.steps.push({
    kind: 'candidates',
    ok: true,
    text: `Routes for this host: ${trace.routes.map((r) => `${r.kind} ${r.namespace}/${r.name}`).join(', ')}; their ${ordered.length} match${ordered.length === 1 ? '' : 'es'} are tried in the Gateway API's order (path type and length, method, headers, query parameters, then the oldest route)`,
  });
  for (const entry of ordered) {
    const conditions = matchConditions(entry, request);
    for (const c of conditions)
      if (c.problem && !result.problems.includes(c.problem)) result.problems.push(c.problem);
    const attempt: GatewayApiTry = {
      route: { kind: entry.kind, namespace: entry.namespace, name: entry.name },
      ruleIndex: entry.ruleIndex,
      ...(entry.matchIndex !== undefined && { matchIndex: entry.matchIndex }),
      matched: conditions.every((c) => c.ok),
      conditions,
    };
    trace.tried.push(attempt);
    const failed = conditions.filter((c) => !c.ok).map((c) => c.reason);
    result.steps.push({
      kind: attempt.matched ? 'matched' : 'route',
      ok: attempt.matched,
      text: attempt.matched
        ? `${where(attempt)} matches${conditions.length > 0 ? `: ${conditions.map((c) => c.reason).join('; ')}` : ' every request'}`
        : `${where(attempt)} does not match: ${failed.join('; ')}`,
      ref: attempt.route,
    });
    if (!attempt.matched) continue;
    trace.matched = attempt;
    const route = byKey.get(`${entry.kind}/${entry.namespace}/${entry.name}`) as GatewayRoute;
    const rule = record(list(record(route.spec).rules)[entry.ruleIndex]);
    const path = record(entry.match?.path);
    const prefix =
      entry.kind === 'HTTPRoute' && (text(path.type) ?? 'PathPrefix') === 'PathPrefix'
        ? (text(path.value) ?? '/')
        : undefined;
    return finishRule(index, result, rule, entry.namespace, request, site, prefix);
  }
  return end(result, {
    kind: 'not-found',
    status: 404,
    why:
      ordered.length === 0
        ? 'no route rule is attached for this host: the proxy answers 404'
        : 'no rule of these routes matches: the proxy answers 404',
  });
}

function finishRule(
  index: MeshIndex,
  result: TraceResult,
  rule: Record<string, unknown>,
  namespace: string,
  request: TraceRequest,
  site: { port: number; scheme: 'http' | 'https' },
  matchedPrefix: string | undefined,
): TraceResult {
  const effects = ruleEffects(rule, request, site.scheme, namespace, matchedPrefix);
  result.effects = effects;
  for (const words of effects.words)
    result.steps.push({ kind: 'action', ok: true, text: `The rule ${words}` });
  if (effects.redirect) return end(result, { kind: 'redirect', ...effects.redirect });
  const backends = list(rule.backendRefs).map(record);
  const shares = exactShares(backends.map((b) => num(b.weight)));
  // "If all entries in BackendRefs are invalid, and there are also no filters specified in this
  // route rule, all traffic which matches this rule MUST receive a 500 status code" — and
  // likewise when every weight is 0.
  if (backends.length === 0)
    return end(result, { kind: 'direct-response', status: 500, body: 'the rule has no backendRefs' });
  if (shares.every((s) => s === 0))
    return end(result, {
      kind: 'direct-response',
      status: 500,
      body: 'every backendRef of the rule has weight 0',
    });
  result.destinations = backends.flatMap((backend, i) => {
    const share = shares[i] ?? 0;
    if (share === 0) return [];
    const target = backendTarget(backend, namespace);
    const weight = num(backend.weight);
    if (!isServiceRef(target) && !isHostnameRef(target))
      return [unsupportedBackend(target, share, weight, site.port)];
    if (isServiceRef(target) && !isServiceKey(target.name, target.namespace))
      return [unnamedService(target, share, weight, site.port)];
    // A Hostname backend names a ServiceEntry host as it is, in no namespace.
    const fqdn = isHostnameRef(target) ? target.name : serviceFqdn(target.name, target.namespace);
    const [traced] = traceDestinations(
      index,
      [{ host: fqdn, ...(target.port !== undefined && { port: target.port }) }],
      namespace,
      site.port,
    );
    if (!traced) return [];
    // A backendRef without a port never gets here: istiod refuses the whole route
    // (routeRefusals, GWAPI_BACKEND_PORT_MISSING), and the tracer leaves it out.
    return [{ ...traced, share, ...(weight !== undefined && { weight }) }];
  });
  return routed(result);
}

/** Istio's `Hostname` backend (group networking.istio.io): a ServiceEntry host, named as it is. */
function isHostnameRef(target: { group: string; kind: string }): boolean {
  return target.group === 'networking.istio.io' && target.kind === 'Hostname';
}

/**
 * A backend of a kind Istio does not route to (only Services and Hostnames here): istiod marks
 * the route ResolvedRefs=False (InvalidKind) and sends this backend's share to the cluster
 * `UnknownService`, which no proxy has, so those requests fail (pilot/pkg/networking/core/route).
 */
function unsupportedBackend(
  target: { group: string; kind: string; name: string; port?: number },
  share: number,
  weight: number | undefined,
  port: number,
): TracedDestination {
  const kind = `${target.group ? `${target.group}/` : ''}${target.kind}`;
  return {
    host: target.name,
    fqdn: '',
    port: target.port ?? port,
    share,
    ...(weight !== undefined && { weight }),
    cluster: 'UnknownService',
    warnings: [
      `a ${kind} backend is not one Istio routes to (a Service, or an Istio Hostname): requests sent to it fail`,
    ],
  };
}

/**
 * A Service backendRef spelt as no Service can be named (`CART`, `cart.shop`): istiod looks the
 * Service up by its exact namespace/name (buildDestination in
 * pilot/pkg/config/kube/gateway/conversion.go), finds none, and routes this share to the
 * cluster of the host as written, which no proxy has — though a host name compares without
 * case, `CART` is not the Service `cart`. The same reading as the graph and GWAPI_BACKEND_NOT_FOUND
 * (isServiceKey).
 */
function unnamedService(
  target: { namespace: string; name: string; port?: number },
  share: number,
  weight: number | undefined,
  port: number,
): TracedDestination {
  const fqdn = serviceFqdn(target.name, target.namespace);
  const at = target.port ?? port;
  return {
    host: target.name,
    fqdn,
    port: at,
    share,
    ...(weight !== undefined && { weight }),
    cluster: `outbound|${at}||${fqdn}`,
    warnings: [
      `no Service can be named ${target.namespace}/${target.name} (a Service's name is a lower-case label; Istio looks it up exactly as written): requests sent to it fail`,
    ],
  };
}

/** Each backend's exact share (weights are relative; a missing weight is 1): not rounded to whole percent as the sliders show it. */
function exactShares(weights: ReadonlyArray<number | undefined>): number[] {
  const written = weights.map((w) => (w === undefined ? 1 : Math.max(0, w)));
  const total = written.reduce((sum, w) => sum + w, 0);
  return written.map((w) => (total === 0 ? 0 : w / total));
}
