import { labels, list, num, record, strings, text } from '../graph/read';
import { hostCandidates } from '../mesh/resolve';
import type { HTTPMatchRequest, HTTPRoute } from '../mesh/types';
import { compileRe2 } from './regex';
import type { TraceRequest } from './request';
import type { RouteEffects } from './types';

/**
 * What the matched route does to the request, as Envoy applies Istio's translation: a
 * redirect or direct response instead of forwarding; a prefix rewrite replaces what the
 * matched prefix (or exact path) covered, `uriRegexRewrite` substitutes; header operations,
 * fault, mirrors, timeout and retries as written.
 */
export function routeEffects(
  route: HTTPRoute,
  match: HTTPMatchRequest | undefined,
  request: TraceRequest,
  scheme: string,
  namespace: string,
  listenerPort: number,
): RouteEffects {
  const words: string[] = [];
  const effects: RouteEffects = { mirrors: [], words };
  const redirect = record(route.redirect);
  if (route.redirect) {
    const status = num(redirect.redirectCode) ?? 301;
    const host = text(redirect.authority) ?? request.authority;
    const port = num(redirect.port);
    const path = text(redirect.uri) ?? request.path;
    const location = `${text(redirect.scheme) ?? scheme}://${port ? `${hostOnly(host)}:${port}` : host}${path}`;
    effects.redirect = { status, location };
    words.push(`answers ${status} redirect to ${location}`);
  } else if (route.directResponse) {
    const response = record(route.directResponse);
    const status = num(response.status) ?? 200;
    const body = text(record(response.body).string);
    effects.directResponse = { status, ...(body !== undefined && { body }) };
    words.push(
      `answers ${status} itself${body !== undefined ? ` with body ${JSON.stringify(body.slice(0, 80))}` : ''}`,
    );
  }
  const rewrite = record(route.rewrite);
  if (route.rewrite && !route.redirect && !route.directResponse) {
    const path = rewritePath(rewrite, match, request.path);
    const authority = text(rewrite.authority);
    effects.rewrite = { ...(path !== undefined && { path }), ...(authority && { authority }) };
    if (path !== undefined) words.push(`rewrites the path ${request.path} → ${path}`);
    if (authority) words.push(`rewrites the authority ${request.authority} → ${authority}`);
  }
  const headers = record(route.headers);
  for (const side of ['request', 'response'] as const) {
    const ops = record(headers[side]);
    const set = labels(ops.set);
    const add = labels(ops.add);
    const remove = strings(ops.remove);
    if (Object.keys(set).length + Object.keys(add).length + remove.length === 0) continue;
    effects[side === 'request' ? 'requestHeaders' : 'responseHeaders'] = { set, add, remove };
    const parts = [
      ...Object.entries(set).map(([k, v]) => `sets ${k}: ${v}`),
      ...Object.entries(add).map(([k, v]) => `adds ${k}: ${v}`),
      ...remove.map((k) => `removes ${k}`),
    ];
    words.push(`on the ${side}: ${parts.join(', ')}`);
  }
  const fault = record(route.fault);
  if (route.fault) {
    const delay = record(fault.delay);
    const abort = record(fault.abort);
    effects.fault = {};
    if (fault.delay) {
      const percent = percentOf(delay.percentage, delay.percent);
      effects.fault.delay = {
        ...(text(delay.fixedDelay) && { fixedDelay: text(delay.fixedDelay) }),
        percent,
      };
      words.push(`delays ${percent}% of requests by ${text(delay.fixedDelay) ?? '?'}`);
    }
    if (fault.abort) {
      const percent = percentOf(abort.percentage, undefined);
      const status = num(abort.httpStatus);
      const grpcStatus = text(abort.grpcStatus);
      effects.fault.abort = {
        ...(status !== undefined && { status }),
        ...(grpcStatus && { grpcStatus }),
        percent,
      };
      words.push(`aborts ${percent}% of requests with ${status ?? grpcStatus ?? '?'}`);
    }
  }
  const mirrors: Array<{ destination: unknown; percentage: unknown }> = [];
  if (route.mirror) mirrors.push({ destination: route.mirror, percentage: route.mirrorPercentage });
  for (const m of list(route.mirrors))
    mirrors.push({ destination: record(m).destination, percentage: record(m).percentage });
  for (const m of mirrors) {
    const destination = record(m.destination);
    const host = text(destination.host);
    if (!host) continue;
    const fqdn = hostCandidates(host, namespace)[0] ?? host;
    const subset = text(destination.subset);
    const port = num(record(destination.port).number) ?? listenerPort;
    const percent = m.percentage === undefined ? 100 : percentOf(m.percentage, undefined);
    if (percent <= 0) continue;
    effects.mirrors.push({
      host: fqdn,
      ...(subset && { subset }),
      port,
      cluster: `outbound|${port}|${subset ?? ''}|${fqdn}`,
      percent,
    });
    words.push(`mirrors ${percent}% of requests to ${fqdn}${subset ? ` (${subset})` : ''}, answers ignored`);
  }
  const timeout = text(route.timeout);
  if (timeout) {
    effects.timeout = timeout;
    words.push(`times out after ${timeout}`);
  }
  if (route.retries) {
    const retries = record(route.retries);
    const attempts = num(retries.attempts);
    const perTryTimeout = text(retries.perTryTimeout);
    const retryOn = text(retries.retryOn);
    effects.retries = {
      ...(attempts !== undefined && { attempts }),
      ...(perTryTimeout && { perTryTimeout }),
      ...(retryOn && { retryOn }),
    };
    words.push(
      attempts === 0
        ? 'never retries'
        : `retries up to ${attempts ?? '?'} times${retryOn ? ` on ${retryOn}` : ''}${perTryTimeout ? `, ${perTryTimeout} each` : ''}`,
    );
  }
  return effects;
}

// Envoy's prefix_rewrite replaces the part the route matched: the whole path for an exact
// match, the prefix for a prefix match, and `/` (what a route without uri matches) otherwise.
function rewritePath(
  rewrite: Record<string, unknown>,
  match: HTTPMatchRequest | undefined,
  path: string,
): string | undefined {
  const regexRewrite = record(rewrite.uriRegexRewrite);
  if (rewrite.uriRegexRewrite && typeof regexRewrite.match === 'string') {
    const compiled = compileRe2(regexRewrite.match);
    if (!compiled.ok) return undefined;
    // Envoy writes groups as \1; re2js (like Java) as $1.
    const substitution = String(regexRewrite.rewrite ?? '')
      .replace(/\$/g, '\\$')
      .replace(/\\(\d)/g, '$$$1');
    return compiled.regex.matcher(path).replaceAll(substitution);
  }
  const uri = text(rewrite.uri);
  if (uri === undefined) return undefined;
  const written = record(match?.uri);
  const matched =
    typeof written.exact === 'string'
      ? path
      : typeof written.prefix === 'string'
        ? path.slice(0, written.prefix.length)
        : typeof written.regex === 'string'
          ? path
          : '/';
  return uri + path.slice(matched.length);
}

function percentOf(percentage: unknown, legacy: unknown): number {
  const value = num(record(percentage).value);
  if (value !== undefined) return value;
  const old = num(legacy);
  return old ?? 100;
}

function hostOnly(authority: string): string {
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? authority : authority.slice(0, colon);
}
