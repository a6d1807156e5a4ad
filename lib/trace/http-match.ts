import type { HTTPMatchRequest } from '../mesh/types';
import type { TraceRequest } from './request';
import {
  type ConditionOutcome,
  compareValue,
  isPresenceMatch,
  type WrittenStringMatch,
} from './string-match';

/** Where a route is being evaluated: the listener's port and gateway, and who sends the request. */
export interface MatchSite {
  /** The listener's port (a gateway server's port, or the destination port in the mesh). */
  port: number;
  /** `namespace/name` of the gateway, or `mesh`. */
  gateway: string;
  /** Labels and namespace of the proxy the request leaves from (the gateway's pods, or the source workload). */
  proxyLabels: Readonly<Record<string, string>>;
  proxyNamespace: string;
  /** The request's scheme as the listener sees it. */
  scheme: 'http' | 'https';
}

/** A match block's outcome: its conditions in order, `ok` when all of them hold. */
export interface MatchOutcome {
  ok: boolean;
  conditions: ConditionOutcome[];
}

// Header names that Istio turns into JWT claim matchers (dynamic metadata), not header matchers.
const CLAIM = /^@request\.auth\.claims(\.|\[)/;

/**
 * Istio's first pass (route generation): a match block whose `port`, `gateways` or
 * `sourceLabels`/`sourceNamespace` do not fit this listener is not sent to Envoy at all.
 * `gateways` in a match replaces the source checks (sourceMatchHTTP). Gateway names are
 * already resolved to `namespace/name`.
 */
export function appliesHere(
  match: HTTPMatchRequest | undefined,
  gateways: readonly string[],
  site: MatchSite,
): ConditionOutcome {
  if (!match) return { ok: true, reason: 'no conditions' };
  if (typeof match.port === 'number' && match.port !== 0 && match.port !== site.port)
    return { ok: false, reason: `port ${match.port} is not this listener's ${site.port}` };
  if (gateways.length > 0) {
    const ok = gateways.includes(site.gateway);
    return {
      ok,
      reason: ok
        ? `gateways include ${site.gateway}`
        : `gateways ${gateways.join(', ')} do not include ${site.gateway}`,
    };
  }
  for (const [key, value] of Object.entries(match.sourceLabels ?? {})) {
    if (site.proxyLabels[key] !== value)
      return { ok: false, reason: `source label ${key}=${value} is not on the sender` };
  }
  if (match.sourceNamespace && match.sourceNamespace !== site.proxyNamespace)
    return {
      ok: false,
      reason: `source namespace ${match.sourceNamespace} is not the sender's ${site.proxyNamespace}`,
    };
  return { ok: true, reason: 'applies to this listener' };
}

/**
 * Envoy's pass: every condition of the block must hold (AND). Path matches see the path
 * without its query; `ignoreUriCase` folds case for exact and prefix (Envoy ignores it for
 * regex); headers compare by lower-cased name; `withoutHeaders` inverts, a missing header
 * reading as empty; query parameters use their first value.
 */
export function evaluateMatch(
  match: HTTPMatchRequest | undefined,
  request: TraceRequest,
  site: MatchSite,
): MatchOutcome {
  const conditions: ConditionOutcome[] = [];
  if (!match) return { ok: true, conditions };
  // Envoy checks the path, then headers, then query parameters, and stops at the first that
  // fails: so does this, so the answer names that one and a long route table stays cheap.
  const checks: Array<() => ConditionOutcome> = [];
  // A uri with no exact/prefix/regex is Envoy's default prefix `/`; `regex: '*'` is not
  // read as presence here (Istio passes it to Envoy as a regex, which RE2 refuses).
  const uri = match.uri;
  if (uri && hasKind(uri)) {
    const ignoreCase = match.ignoreUriCase === true && typeof uri.regex !== 'string';
    checks.push(() => compareValue('uri', request.path, uri, ignoreCase));
  }
  const pseudo: Array<[string, WrittenStringMatch | undefined, string]> = [
    ['scheme', match.scheme, site.scheme],
    ['method', match.method, request.method],
    ['authority', match.authority, request.authority],
  ];
  for (const [name, written, actual] of pseudo) {
    if (written) checks.push(() => headerCondition(name, written, actual));
  }
  for (const [name, written] of sortedEntries(match.headers)) {
    checks.push(() =>
      CLAIM.test(name)
        ? claimCondition(name)
        : headerCondition(`header ${name}`, written, request.headers[name.toLowerCase()]),
    );
  }
  for (const [name, written] of sortedEntries(match.withoutHeaders)) {
    checks.push(() =>
      CLAIM.test(name)
        ? claimCondition(name)
        : withoutHeaderCondition(name, written, request.headers[name.toLowerCase()]),
    );
  }
  for (const [name, written] of sortedEntries(match.queryParams)) {
    checks.push(() => headerCondition(`query parameter ${name}`, written, request.query[name]));
  }
  for (const check of checks) {
    const outcome = check();
    conditions.push(outcome);
    if (!outcome.ok) return { ok: false, conditions };
  }
  return { ok: true, conditions };
}

/** Whether Envoy would see this block as matching every request (Istio's IsCatchAllRoute). */
export function isCatchAll(match: HTTPMatchRequest | undefined): boolean {
  if (!match) return true;
  const uri = match.uri;
  const pathAll =
    !uri ||
    !hasKind(uri) ||
    (typeof uri.prefix === 'string' && uri.prefix === '/') ||
    (typeof uri.regex === 'string' && uri.regex === '.*');
  const none = (map: unknown) => !map || Object.keys(map as object).length === 0;
  return (
    pathAll &&
    !match.scheme &&
    !match.method &&
    !match.authority &&
    none(match.headers) &&
    none(match.withoutHeaders) &&
    none(match.queryParams)
  );
}

function hasKind(match: WrittenStringMatch): boolean {
  return ['exact', 'prefix', 'regex'].some((k) => typeof match[k as keyof WrittenStringMatch] === 'string');
}

function headerCondition(
  subject: string,
  written: WrittenStringMatch,
  actual: string | undefined,
): ConditionOutcome {
  if (actual === undefined) return { ok: false, reason: `${subject} absent` };
  if (isPresenceMatch(written)) return { ok: true, reason: `${subject} present` };
  return compareValue(subject, actual, written);
}

function withoutHeaderCondition(
  name: string,
  written: WrittenStringMatch,
  actual: string | undefined,
): ConditionOutcome {
  const subject = `header ${name}`;
  if (isPresenceMatch(written)) {
    const ok = actual === undefined;
    return {
      ok,
      reason: ok
        ? `${subject} absent, as withoutHeaders asks`
        : `${subject} present, which withoutHeaders excludes`,
    };
  }
  const inner = compareValue(subject, actual ?? '', written);
  if (inner.problem) return inner;
  return {
    ok: !inner.ok,
    reason: inner.ok
      ? `${inner.reason}, which withoutHeaders excludes`
      : `${inner.reason}, as withoutHeaders asks`,
  };
}

function claimCondition(name: string): ConditionOutcome {
  return {
    ok: false,
    reason: `${name} is a JWT claim, known only after authentication: counted as not matching`,
  };
}

function sortedEntries(
  map: Record<string, WrittenStringMatch> | undefined,
): Array<[string, WrittenStringMatch]> {
  if (!map || typeof map !== 'object') return [];
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
