import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { traceDestinations, writtenDestinations } from './destinations';
import { routeEffects } from './effects';
import type { MatchSite } from './http-match';
import type { L4Choice } from './l4-routes';
import type { TraceRequest } from './request';
import { describeAt, type RouteEntry } from './route-table';
import type { TraceResult } from './types';
import { walkRoutes } from './walk-routes';

// The end of every trace, whatever the entry: the route search in the chosen virtual host,
// what the matching route does, its destinations, and the outcome said as the last step.

/** Route search, effects and destinations of an HTTP request, once the virtual host is known. */
export function finishHttp(
  index: MeshIndex,
  result: TraceResult,
  routes: readonly RouteEntry[],
  request: TraceRequest,
  site: MatchSite,
): TraceResult {
  if (result.candidates.length > 0) {
    result.steps.push({
      kind: 'candidates',
      ok: true,
      text: `VirtualServices for this host, in the order Istio reads them: ${result.candidates
        .map((c) => `${c.vs.namespace}/${c.vs.name}`)
        .join(', ')}`,
    });
  }
  for (const skip of result.skipped) {
    result.steps.push({
      kind: 'route',
      ok: false,
      text: `${describeAt(skip.at)}: ${skip.why}`,
      ref: skip.at.vs,
    });
  }
  const walk = walkRoutes(routes, request, site, result.problems);
  result.tried = walk.tried;
  for (const attempt of walk.tried) {
    const failed = attempt.conditions.filter((c) => !c.ok).map((c) => c.reason);
    result.steps.push({
      kind: attempt.matched ? 'matched' : 'route',
      ok: attempt.matched,
      text: attempt.matched
        ? `${describeAt(attempt.at)} matches${attempt.conditions.length > 0 ? `: ${attempt.conditions.map((c) => c.reason).join('; ')}` : ' every request'}`
        : `${describeAt(attempt.at)} does not match: ${failed.join('; ')}`,
      ref: attempt.at.vs,
    });
  }
  if (!walk.matched)
    return end(result, {
      kind: 'not-found',
      status: 404,
      why:
        routes.length === 0
          ? 'no route is sent to this listener for the host: Envoy answers 404'
          : 'no route matches: Envoy answers 404 (no route found)',
    });
  const { entry, attempt } = walk.matched;
  result.matched = attempt;
  const effects = routeEffects(entry.route, entry.match, request, site.scheme, entry.namespace, site.port);
  result.effects = effects;
  for (const words of effects.words)
    result.steps.push({ kind: 'action', ok: true, text: `The route ${words}` });
  if (effects.redirect) return end(result, { kind: 'redirect', ...effects.redirect });
  if (effects.directResponse) return end(result, { kind: 'direct-response', ...effects.directResponse });
  result.destinations = traceDestinations(
    index,
    writtenDestinations(entry.route.route),
    entry.namespace,
    site.port,
  );
  return routed(result);
}

/** Destinations of a chosen TCP or TLS route, or the `closed` end when there is none. */
export function finishL4(
  index: MeshIndex,
  result: TraceResult,
  choice: L4Choice | undefined,
  request: TraceRequest,
  none: string,
): TraceResult {
  for (const attempt of result.tried) {
    result.steps.push({
      kind: attempt.matched ? 'matched' : 'route',
      ok: attempt.matched,
      text: `${describeAt(attempt.at)}: ${attempt.conditions.map((c) => c.reason).join('; ')}`,
      ref: attempt.at.vs,
    });
  }
  if (!choice) return end(result, { kind: 'closed', why: none });
  result.matched = choice.attempt;
  result.destinations = traceDestinations(index, choice.destinations, namespaceOf(choice.vs), request.port);
  return routed(result);
}

/** Ends with the destinations listed in words. */
export function routed(result: TraceResult): TraceResult {
  for (const d of result.destinations) {
    const pods = d.pods ? `, ${d.pods.ready}/${d.pods.total} pods ready` : '';
    result.steps.push({
      kind: 'destination',
      ok: d.warnings.length === 0,
      text: `${Math.round(d.share * 1000) / 10}% to ${d.fqdn}${d.subset ? ` subset ${d.subset}` : ''} port ${d.port}${pods}${
        d.warnings.length > 0 ? ` — ${d.warnings.join('; ')}` : ''
      }`,
      ...(d.service && { ref: d.service }),
    });
  }
  return end(result, { kind: 'routed' });
}

/** Sets the outcome and says it as the last step. */
export function end(result: TraceResult, outcome: TraceResult['outcome']): TraceResult {
  result.outcome = outcome;
  const text =
    outcome.kind === 'routed'
      ? `Forwarded to ${result.destinations.length} destination${result.destinations.length === 1 ? '' : 's'}`
      : outcome.kind === 'redirect' || outcome.kind === 'https-redirect'
        ? `Answered ${outcome.status}, redirect to ${outcome.location}`
        : outcome.kind === 'direct-response'
          ? `Answered ${outcome.status} by the gateway or sidecar itself`
          : outcome.why;
  result.steps.push({
    kind: 'outcome',
    ok:
      outcome.kind !== 'not-found' &&
      outcome.kind !== 'no-listener' &&
      outcome.kind !== 'closed' &&
      outcome.kind !== 'blackhole' &&
      outcome.kind !== 'policy-unknown',
    text,
  });
  return result;
}

export function emptyResult(request: TraceRequest, entry: TraceResult['entry']): TraceResult {
  return {
    request,
    entry,
    outcome: { kind: 'routed' },
    steps: [],
    candidates: [],
    tried: [],
    skipped: [],
    destinations: [],
    problems: [],
  };
}
