import { checkRegex } from './field-checks';
import type { FieldError } from './field-errors';
import { GATEWAY_API_GROUP } from './gateway-api-types';
import { shown } from './read';

/**
 * Field checks for the Gateway API route kinds (HTTPRoute, GRPCRoute, TCPRoute, TLSRoute), as
 * the CRDs of the standard channel (v1.6.3) state them in their schemas and CEL rules: enums,
 * patterns, ranges, and the rules between fields a form can break (a filter without its
 * settings, URLRewrite beside RequestRedirect, replacePrefixMatch without one PathPrefix
 * match). Where the experimental channel's CRD takes more (references to one parent told
 * apart by port), Weir takes it too: a cluster may have either installed. Pure; never throws.
 * The API server checks them again on every write; the folder backend has only these.
 */
/**
 * Which release channel's CRDs the API server holds (annotation gateway.networking.k8s.io/channel):
 * standard unless known otherwise, the one tools/cluster installs and the folder backend
 * writes for.
 */
export type GatewayApiChannel = 'standard' | 'experimental';

export function gatewayRouteFieldErrors(
  kind: string,
  spec: unknown,
  channel: GatewayApiChannel = 'standard',
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRecord(spec)) return errors;
  const at = (path: string, message: string) => errors.push({ path, message });
  if (spec.hostnames !== undefined) {
    const hostnames = listAt(spec.hostnames, 'hostnames', at);
    hostnames.forEach((h, i) => {
      const problem = hostnameProblem(h, true);
      if (problem) at(`hostnames[${i}]`, problem);
    });
  }
  parentRefErrors(spec.parentRefs, channel, at);
  const rules = spec.rules === undefined ? [] : listAt(spec.rules, 'rules', at);
  if (rules.length > 16) at('rules', `a route has at most 16 rules, got ${rules.length}`);
  rules.forEach((rule, i) => {
    ruleErrors(kind, rule, `rules[${i}]`, at);
  });
  return errors;
}

/**
 * The errors of one rule of a route, named from the rule down (`matches[0].path.value`): what
 * the rule's form shows beside its fields.
 */
export function gatewayRuleFieldErrors(kind: string, rule: unknown): FieldError[] {
  const errors: FieldError[] = [];
  ruleErrors(kind, rule, '', (path, message) => errors.push({ path, message }));
  return errors;
}

type At = (path: string, message: string) => void;

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

function ruleErrors(kind: string, rule: unknown, base: string, at: At): void {
  if (!isRecord(rule)) {
    at(base || 'rule', 'a rule must be a mapping of fields');
    return;
  }
  if (rule.name !== undefined) {
    const problem = dnsSubdomainProblem(rule.name);
    if (problem) at(join(base, 'name'), problem);
  }
  // null as absent: the API server drops nulls before it defaults and validates.
  const matches = rule.matches == null ? [] : listAt(rule.matches, join(base, 'matches'), at);
  if (matches.length > 64) at(join(base, 'matches'), `a rule has at most 64 matches, got ${matches.length}`);
  matches.forEach((match, j) => {
    const where = join(base, `matches[${j}]`);
    if (kind === 'GRPCRoute') grpcMatchErrors(match, where, at);
    else if (kind === 'HTTPRoute') httpMatchErrors(match, where, at);
  });
  const types = kind === 'GRPCRoute' ? GRPC_FILTERS : HTTP_FILTERS;
  const filters = rule.filters === undefined ? [] : listAt(rule.filters, join(base, 'filters'), at);
  filterListErrors(filters, join(base, 'filters'), types, at);
  const backends =
    rule.backendRefs === undefined ? [] : listAt(rule.backendRefs, join(base, 'backendRefs'), at);
  if (!onePrefixMatch(rule.matches)) {
    prefixReplacements(filters, join(base, 'filters'), at);
    // The CRD asks it of backendRefs with `exists_one`: two backends that both replace the
    // prefix pass its rule (and the API server), so Weir lets them pass too.
    for (const type of ['URLRewrite', 'RequestRedirect']) {
      const found: FieldError[] = [];
      backends.forEach((backend, b) => {
        if (!isRecord(backend) || !Array.isArray(backend.filters)) return;
        const where = join(base, `backendRefs[${b}].filters`);
        prefixReplacements(backend.filters, where, (path, message) => found.push({ path, message }), type);
      });
      if (found.length === 1) for (const e of found) at(e.path, e.message);
    }
  }
  if (backends.length > 16)
    at(join(base, 'backendRefs'), `a rule has at most 16 backendRefs, got ${backends.length}`);
  if (backends.length > 0 && filters.some((f) => isRecord(f) && f.type === 'RequestRedirect')) {
    at(
      join(base, 'backendRefs'),
      'a rule that redirects sends nowhere: remove its backendRefs or the redirect',
    );
  }
  backends.forEach((backend, b) => {
    const where = join(base, `backendRefs[${b}]`);
    backendRefErrors(backend, where, true, at);
    if (isRecord(backend) && backend.filters !== undefined) {
      filterListErrors(listAt(backend.filters, `${where}.filters`, at), `${where}.filters`, types, at);
    }
  });
  if (rule.timeouts !== undefined) {
    if (kind !== 'HTTPRoute') at(join(base, 'timeouts'), `a ${kind} rule has no timeouts`);
    else timeoutErrors(rule.timeouts, join(base, 'timeouts'), at);
  }
}

/**
 * Whether a rule's matches are, once the API server has defaulted them, exactly one PathPrefix
 * match: what the CRD's CEL rules ask of a rule whose URLRewrite or RequestRedirect replaces
 * the prefix. The server defaults before it validates: no `matches` becomes one match of
 * PathPrefix `/`, a match without `path` gets PathPrefix `/`, a path without `type` PathPrefix.
 * A null is absent: the server drops nulls before it defaults.
 */
function onePrefixMatch(matches: unknown): boolean {
  if (matches == null) return true;
  if (!Array.isArray(matches) || matches.length !== 1) return false;
  const [match] = matches;
  if (!isRecord(match)) return false;
  if (match.path == null) return true;
  return isRecord(match.path) && (match.path.type ?? 'PathPrefix') === 'PathPrefix';
}

/** ReplacePrefixMatch in a list of filters (of `type` only, when named), where the rule has no single PathPrefix match. */
function prefixReplacements(filters: unknown[], base: string, at: At, type?: string): void {
  filters.forEach((filter, k) => {
    if (!isRecord(filter) || (type !== undefined && filter.type !== type)) return;
    const key = filter.type === 'URLRewrite' ? 'urlRewrite' : 'requestRedirect';
    const settings = filter[key];
    if (
      (filter.type === 'URLRewrite' || filter.type === 'RequestRedirect') &&
      isRecord(settings) &&
      isRecord(settings.path) &&
      settings.path.type === 'ReplacePrefixMatch'
    ) {
      at(
        `${base}[${k}].${key}.path.type`,
        'ReplacePrefixMatch needs exactly one match, with a PathPrefix path (the prefix it replaces)',
      );
    }
  });
}

// ---- matches ---------------------------------------------------------------------------

const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];
const VALUE_TYPES = ['Exact', 'RegularExpression'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

function httpMatchErrors(match: unknown, base: string, at: At): void {
  if (!isRecord(match)) {
    at(base, 'a match must be a mapping of fields');
    return;
  }
  if (match.path != null) {
    const path = match.path;
    if (!isRecord(path)) at(`${base}.path`, 'a path match must be a mapping of type and value');
    else {
      const type = path.type ?? 'PathPrefix';
      if (!PATH_TYPES.includes(type as string)) at(`${base}.path.type`, oneOf(type, PATH_TYPES));
      const problem =
        type === 'RegularExpression' ? regexProblem(path.value) : pathValueProblem(path.value ?? '/');
      if (problem) at(`${base}.path.value`, problem);
    }
  }
  nameValueErrors(match.headers, `${base}.headers`, 'header', 4096, at);
  nameValueErrors(match.queryParams, `${base}.queryParams`, 'query parameter', 1024, at);
  if (match.method !== undefined && !METHODS.includes(match.method as string)) {
    at(`${base}.method`, oneOf(match.method, METHODS));
  }
}

const GRPC_SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

function grpcMatchErrors(match: unknown, base: string, at: At): void {
  if (!isRecord(match)) {
    at(base, 'a match must be a mapping of fields');
    return;
  }
  if (match.method !== undefined) {
    const method = match.method;
    if (!isRecord(method))
      at(`${base}.method`, 'a method match must be a mapping of type, service and method');
    else {
      const type = method.type ?? 'Exact';
      if (!VALUE_TYPES.includes(type as string)) at(`${base}.method.type`, oneOf(type, VALUE_TYPES));
      if (empty(method.service) && empty(method.method)) {
        at(`${base}.method.service`, 'a method match names a service, a method or both');
      }
      for (const [key, pattern] of [
        ['service', GRPC_SERVICE],
        ['method', GRPC_METHOD],
      ] as const) {
        const value = method[key];
        if (empty(value)) continue;
        const problem =
          typeof value !== 'string'
            ? `a ${key} must be text`
            : type === 'RegularExpression'
              ? regexProblem(value)
              : pattern.test(value)
                ? undefined
                : key === 'service'
                  ? `${JSON.stringify(value)} is not a gRPC service name: package.Service, letters, digits and _`
                  : `${JSON.stringify(value)} is not a gRPC method name: letters, digits and _`;
        if (problem) at(`${base}.method.${key}`, problem);
      }
    }
  }
  nameValueErrors(match.headers, `${base}.headers`, 'header', 4096, at);
}

function nameValueErrors(list: unknown, base: string, what: string, maxValue: number, at: At): void {
  if (list === undefined) return;
  const items = listAt(list, base, at);
  if (items.length > 16) at(base, `at most 16 ${what}s in a match, got ${items.length}`);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const where = `${base}[${i}]`;
    if (!isRecord(item)) {
      at(where, `a ${what} match must be a mapping of name, type and value`);
      return;
    }
    const name = headerNameProblem(item.name, what);
    if (name) at(`${where}.name`, name);
    else {
      // Header names are case-insensitive; query parameter names are not.
      const key = what === 'header' ? shown(item.name).toLowerCase() : shown(item.name);
      if (seen.has(key)) at(`${where}.name`, `${what} ${item.name} is matched twice in this match`);
      seen.add(key);
    }
    const type = item.type ?? 'Exact';
    if (!VALUE_TYPES.includes(type as string)) at(`${where}.type`, oneOf(type, VALUE_TYPES));
    if (typeof item.value !== 'string') at(`${where}.value`, `a ${what} match needs a value (text)`);
    else if (item.value.length > maxValue) at(`${where}.value`, `at most ${maxValue} characters`);
    else if (type === 'RegularExpression') {
      const problem = regexProblem(item.value);
      if (problem) at(`${where}.value`, problem);
    }
  });
}

// ---- filters ---------------------------------------------------------------------------

const HTTP_FILTERS = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestMirror',
  'RequestRedirect',
  'URLRewrite',
  'ExtensionRef',
  'CORS',
];
const GRPC_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'];
// The settings field each filter type carries (and no other).
const SETTINGS: Record<string, string> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
};
const ONCE = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite', 'CORS'];

function filterListErrors(filters: unknown[], base: string, types: readonly string[], at: At): void {
  if (filters.length > 16) at(base, `at most 16 filters, got ${filters.length}`);
  const seen = new Set<unknown>();
  filters.forEach((filter, k) => {
    const where = `${base}[${k}]`;
    if (!isRecord(filter)) {
      at(where, 'a filter must be a mapping of type and settings');
      return;
    }
    const type = filter.type;
    if (!types.includes(type as string)) {
      at(`${where}.type`, oneOf(type, types));
      return;
    }
    if (ONCE.includes(type as string) && seen.has(type))
      at(`${where}.type`, `${type} may be used once per list`);
    seen.add(type);
    const own = SETTINGS[type as string] as string;
    for (const [other, key] of Object.entries(SETTINGS)) {
      if (key !== own && filter[key] !== undefined)
        at(`${where}.${key}`, `a ${type} filter has no ${key} (that is ${other}'s)`);
    }
    const settings = filter[own];
    if (!isRecord(settings)) {
      at(`${where}.${own}`, `a ${type} filter needs its ${own} settings`);
      return;
    }
    const inner = `${where}.${own}`;
    if (type === 'RequestHeaderModifier' || type === 'ResponseHeaderModifier')
      modifierErrors(settings, inner, at);
    else if (type === 'RequestRedirect') redirectErrors(settings, inner, at);
    else if (type === 'URLRewrite') rewriteErrors(settings, inner, at);
    else if (type === 'RequestMirror') mirrorErrors(settings, inner, at);
  });
  if (seen.has('RequestRedirect') && seen.has('URLRewrite')) {
    at(base, 'RequestRedirect and URLRewrite cannot both be used: a redirect answers, a rewrite forwards');
  }
}

function modifierErrors(modifier: Record<string, unknown>, base: string, at: At): void {
  for (const key of ['set', 'add'] as const) {
    if (modifier[key] === undefined) continue;
    const items = listAt(modifier[key], `${base}.${key}`, at);
    if (items.length > 16) at(`${base}.${key}`, `at most 16 headers, got ${items.length}`);
    items.forEach((item, i) => {
      const where = `${base}.${key}[${i}]`;
      if (!isRecord(item)) {
        at(where, 'a header must be a mapping of name and value');
        return;
      }
      const name = headerNameProblem(item.name, 'header');
      if (name) at(`${where}.name`, name);
      if (typeof item.value !== 'string') at(`${where}.value`, 'a header needs a value (text)');
      else if (item.value.length > 4096) at(`${where}.value`, 'at most 4096 characters');
    });
  }
  if (modifier.remove !== undefined) {
    const items = listAt(modifier.remove, `${base}.remove`, at);
    items.forEach((name, i) => {
      const problem = headerNameProblem(name, 'header');
      if (problem) at(`${base}.remove[${i}]`, problem);
    });
  }
}

const STATUS_CODES = [301, 302, 303, 307, 308];

function redirectErrors(redirect: Record<string, unknown>, base: string, at: At): void {
  if (redirect.scheme !== undefined && !['http', 'https'].includes(redirect.scheme as string)) {
    at(`${base}.scheme`, oneOf(redirect.scheme, ['http', 'https']));
  }
  if (redirect.hostname !== undefined) {
    const problem = hostnameProblem(redirect.hostname, false);
    if (problem) at(`${base}.hostname`, problem);
  }
  if (redirect.port !== undefined) {
    const problem = portProblem(redirect.port);
    if (problem) at(`${base}.port`, problem);
  }
  if (redirect.statusCode !== undefined && !STATUS_CODES.includes(redirect.statusCode as number)) {
    at(
      `${base}.statusCode`,
      `a redirect answers ${STATUS_CODES.join(', ')}, not ${JSON.stringify(redirect.statusCode)}`,
    );
  }
  pathModifierErrors(redirect.path, `${base}.path`, at);
}

function rewriteErrors(rewrite: Record<string, unknown>, base: string, at: At): void {
  if (rewrite.hostname !== undefined) {
    const problem = hostnameProblem(rewrite.hostname, false);
    if (problem) at(`${base}.hostname`, problem);
  }
  pathModifierErrors(rewrite.path, `${base}.path`, at);
}

function pathModifierErrors(path: unknown, base: string, at: At): void {
  if (path === undefined) return;
  if (!isRecord(path)) {
    at(base, 'a path modifier must be a mapping of type and path');
    return;
  }
  const types = ['ReplaceFullPath', 'ReplacePrefixMatch'];
  if (!types.includes(path.type as string)) {
    at(`${base}.type`, oneOf(path.type, types));
    return;
  }
  const key = path.type === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch';
  const other = key === 'replaceFullPath' ? 'replacePrefixMatch' : 'replaceFullPath';
  if (typeof path[key] !== 'string') at(`${base}.${key}`, `${path.type} needs ${key}: the path to write`);
  else if ((path[key] as string).length > 1024) at(`${base}.${key}`, 'at most 1024 characters');
  if (path[other] !== undefined) at(`${base}.${other}`, `${path.type} takes ${key}, not ${other}`);
}

function mirrorErrors(mirror: Record<string, unknown>, base: string, at: At): void {
  backendRefErrors(mirror.backendRef, `${base}.backendRef`, false, at);
  if (mirror.percent !== undefined && mirror.fraction !== undefined) {
    at(`${base}.percent`, 'a mirror takes a percent or a fraction, not both');
  }
  if (mirror.percent !== undefined) {
    const p = mirror.percent;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 100) {
      at(`${base}.percent`, `a mirror percent is a whole number from 0 to 100, got ${JSON.stringify(p)}`);
    }
  }
  if (mirror.fraction !== undefined) {
    const f = mirror.fraction;
    const n = isRecord(f) ? f.numerator : undefined;
    const d = isRecord(f) ? (f.denominator ?? 100) : undefined;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      at(`${base}.fraction.numerator`, 'a numerator is a whole number of 0 or more');
    } else if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      at(`${base}.fraction.denominator`, 'a denominator is a whole number of 1 or more');
    } else if (n > d) at(`${base}.fraction.numerator`, 'the numerator may not be above the denominator');
  }
}

// ---- references, timeouts ------------------------------------------------------------------

const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function backendRefErrors(ref: unknown, base: string, weighted: boolean, at: At): void {
  if (!isRecord(ref)) {
    at(base, 'a backendRef must be a mapping of name, port and weight');
    return;
  }
  const name = refNameProblem(ref.name, 'a backend');
  if (name) at(`${base}.name`, name);
  referenceErrors(ref, base, at);
  const service = (ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service';
  if (ref.port === undefined) {
    if (service) at(`${base}.port`, 'a Service backend needs a port');
  } else {
    const problem = portProblem(ref.port);
    if (problem) at(`${base}.port`, problem);
  }
  if (weighted && ref.weight !== undefined) {
    const w = ref.weight;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 1_000_000) {
      at(`${base}.weight`, `a weight is a whole number from 0 to 1000000, got ${JSON.stringify(w)}`);
    }
  }
}

function parentRefErrors(list: unknown, channel: GatewayApiChannel, at: At): void {
  if (list === undefined) return;
  const refs = listAt(list, 'parentRefs', at);
  if (refs.length > 32) at('parentRefs', `a route has at most 32 parentRefs, got ${refs.length}`);
  refs.forEach((ref, i) => {
    const base = `parentRefs[${i}]`;
    if (!isRecord(ref)) {
      at(base, 'a parentRef must be a mapping of name, namespace, sectionName and port');
      return;
    }
    const name = refNameProblem(ref.name, 'a parent');
    if (name) at(`${base}.name`, name);
    referenceErrors(ref, base, at);
    if (ref.sectionName !== undefined) {
      const problem = dnsSubdomainProblem(ref.sectionName);
      if (problem) at(`${base}.sectionName`, problem);
    }
    if (ref.port !== undefined) {
      const problem = portProblem(ref.port);
      if (problem) at(`${base}.port`, problem);
    }
  });
  // Judged as the channel's CRD does: the standard one tells references to one parent apart by
  // sectionName only (two refs differing by port alone are refused), the experimental one by
  // sectionName and port.
  for (const [i, message] of sameParentProblems(refs, channel === 'experimental'))
    at(`parentRefs[${i}].sectionName`, message);
}

/**
 * The references that name a parent another one names too, without telling the two apart as
 * the CRD's CEL rules ask: both or neither with a sectionName (`byPort`: and a port), and not
 * the same sectionName (and port). The same parent after the API server's defaults (group
 * gateway.networking.k8s.io, kind Gateway), an empty namespace or sectionName and port 0 as none.
 */
function sameParentProblems(refs: unknown[], byPort: boolean): Array<[number, string]> {
  const set = (value: unknown) => value !== undefined && value !== '' && value !== 0;
  const parent = (ref: Record<string, unknown>) =>
    `${ref.group ?? GATEWAY_API_GROUP}/${ref.kind ?? 'Gateway'}/${ref.namespace || ''}/${shown(ref.name)}`;
  const problems: Array<[number, string]> = [];
  refs.forEach((ref, i) => {
    if (!isRecord(ref)) return;
    const earlier = refs
      .slice(0, i)
      .filter((o): o is Record<string, unknown> => isRecord(o) && parent(o) === parent(ref));
    if (earlier.length === 0) return;
    const told = (o: Record<string, unknown>) =>
      set(o.sectionName) === set(ref.sectionName) && (!byPort || set(o.port) === set(ref.port));
    const same = (o: Record<string, unknown>) =>
      (set(o.sectionName) ? o.sectionName : undefined) ===
        (set(ref.sectionName) ? ref.sectionName : undefined) &&
      (!byPort || (set(o.port) ? o.port : undefined) === (set(ref.port) ? ref.port : undefined));
    if (!earlier.every(told) || (!set(ref.sectionName) && earlier.some(same)))
      problems.push([
        i,
        'the same parent twice: each reference needs its own sectionName (or port, on the experimental channel)',
      ]);
    else if (earlier.some(same))
      problems.push([i, `sectionName ${shown(ref.sectionName)} of this parent is named twice`]);
  });
  return problems;
}

function referenceErrors(ref: Record<string, unknown>, base: string, at: At): void {
  if (
    ref.namespace !== undefined &&
    (typeof ref.namespace !== 'string' || !DNS_LABEL.test(ref.namespace) || ref.namespace.length > 63)
  ) {
    at(`${base}.namespace`, `${JSON.stringify(ref.namespace)} is not a namespace name`);
  }
  if (
    ref.kind !== undefined &&
    (typeof ref.kind !== 'string' || !KIND.test(ref.kind) || ref.kind.length > 63)
  ) {
    at(`${base}.kind`, `${JSON.stringify(ref.kind)} is not a kind: letters, digits and -`);
  }
  if (ref.group !== undefined && ref.group !== '' && dnsSubdomainProblem(ref.group)) {
    at(
      `${base}.group`,
      `${JSON.stringify(ref.group)} is not an API group: lower-case DNS name, or empty for the core group`,
    );
  }
}

const GW_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

function timeoutErrors(timeouts: unknown, base: string, at: At): void {
  if (!isRecord(timeouts)) {
    at(base, 'timeouts must be a mapping of request and backendRequest');
    return;
  }
  const ms: Record<string, number> = {};
  for (const key of ['request', 'backendRequest'] as const) {
    const value = timeouts[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !GW_DURATION.test(value)) {
      at(
        `${base}.${key}`,
        `${JSON.stringify(value)} is not a Gateway API duration: such as 10s, 500ms or 1m30s (h, m, s, ms)`,
      );
    } else ms[key] = durationMs(value);
  }
  // A request timeout of 0s means none: the backend's may then be anything.
  if (
    ms.request !== undefined &&
    ms.backendRequest !== undefined &&
    ms.request > 0 &&
    ms.backendRequest > ms.request
  ) {
    at(`${base}.backendRequest`, 'the backend request timeout may not be longer than the request timeout');
  }
}

function durationMs(text: string): number {
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  for (const [, n, u] of text.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(n) * (unit[u as string] ?? 0);
  return total;
}

// ---- single values -----------------------------------------------------------------------

const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A route's hostname (a `*.` wildcard allowed when `wildcard`), as the Gateway API writes it: lower case, no IP, no port. */
export function hostnameProblem(value: unknown, wildcard: boolean): string | undefined {
  if (typeof value === 'string' && value.length <= 253 && (wildcard ? HOSTNAME : SUBDOMAIN).test(value)) {
    if (!/^(\d+\.){3}\d+$/.test(value)) return undefined;
    return `${value} is an IP address: a hostname here is a DNS name`;
  }
  return `${JSON.stringify(value)} is not a hostname: lower-case letters, digits, '-' and '.'${wildcard ? ", optionally starting with '*.'" : ''}`;
}

function dnsSubdomainProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 253 && SUBDOMAIN.test(value)) return undefined;
  return `${JSON.stringify(value)} is not a name here: lower-case letters, digits, '-' and '.'`;
}

function objectNameProblem(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string' || value === '') return `${what} needs a name`;
  if (value.length > 253 || !SUBDOMAIN.test(value)) return dnsSubdomainProblem(value);
  return undefined;
}

/**
 * The name in a reference (parentRef, backendRef, certificateRef, gatewayClassName): the CRDs'
 * ObjectName, 1 to 253 characters and no pattern. A name no object can have is then a finding
 * (nothing there), not input the API server refuses.
 */
function refNameProblem(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string' || value === '') return `${what} needs a name`;
  if (value.length > 253) return 'at most 253 characters';
  return undefined;
}

function headerNameProblem(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string' || value === '') return `a ${what} needs a name`;
  if (value.length > 256 || !HEADER_NAME.test(value)) {
    return `${JSON.stringify(value)} is not a ${what} name: letters, digits and !#$%&'*+-.^_\`|~`;
  }
  return undefined;
}

function pathValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/')) return 'a path starts with /';
  if (value.length > 1024) return 'at most 1024 characters';
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (value.includes(bad)) return `a path may not contain ${bad}`;
  }
  if (value.endsWith('/..') || value.endsWith('/.')) return 'a path may not end with /. or /..';
  if (!PATH_CHARS.test(value))
    return `${JSON.stringify(value)} holds characters a path may not (spaces, quotes, …)`;
  return undefined;
}

function regexProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'a regular expression is needed';
  return checkRegex(value);
}

function portProblem(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535) return undefined;
  return `a port is a whole number from 1 to 65535, got ${JSON.stringify(value)}`;
}

function oneOf(value: unknown, options: readonly string[]): string {
  return `${JSON.stringify(value)} is not one of ${options.join(', ')}`;
}

function empty(value: unknown): boolean {
  return value === undefined || value === '';
}

function listAt(value: unknown, path: string, at: At): unknown[] {
  if (Array.isArray(value)) return value;
  at(path, 'must be a list');
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// ---- Gateway listeners ---------------------------------------------------------------------

const PROTOCOL =
  /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/;

/**
 * Field checks for a Gateway API Gateway's spec, as its CRD (v1.6.3) states them: each
 * listener's name, port, protocol, hostname, TLS (mode by protocol, a certificate to
 * terminate with) and allowedRoutes; names and port/protocol/hostname unique. Pure.
 */
export function kubernetesGatewayFieldErrors(spec: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRecord(spec)) return errors;
  const at = (path: string, message: string) => errors.push({ path, message });
  if (spec.gatewayClassName !== undefined) {
    const problem = refNameProblem(spec.gatewayClassName, 'a class');
    if (problem) at('gatewayClassName', problem);
  }
  const listeners = spec.listeners === undefined ? [] : listAt(spec.listeners, 'listeners', at);
  if (listeners.length === 0) at('listeners', 'a Gateway needs at least one listener');
  if (listeners.length > 64) at('listeners', `a Gateway has at most 64 listeners, got ${listeners.length}`);
  const names = new Set<unknown>();
  const places = new Set<string>();
  listeners.forEach((listener, i) => {
    const base = `listeners[${i}]`;
    if (!isRecord(listener)) {
      at(base, 'a listener must be a mapping of name, port and protocol');
      return;
    }
    const name = objectNameProblem(listener.name, 'a listener');
    if (name) at(`${base}.name`, name);
    else if (names.has(listener.name))
      at(`${base}.name`, `listener name ${String(listener.name)} is used twice`);
    names.add(listener.name);
    const port = portProblem(listener.port);
    if (port) at(`${base}.port`, port);
    const protocol = listener.protocol;
    if (typeof protocol !== 'string' || !PROTOCOL.test(protocol)) {
      at(`${base}.protocol`, 'a listener needs a protocol: HTTP, HTTPS, TLS, TCP, UDP (or domain/Name)');
    }
    const l4 = protocol === 'TCP' || protocol === 'UDP';
    if (listener.hostname !== undefined) {
      const problem = l4
        ? `a ${protocol} listener takes no hostname`
        : hostnameProblem(listener.hostname, true);
      if (problem) at(`${base}.hostname`, problem);
    }
    const place = `${shown(listener.port)}/${shown(protocol)}/${shown(listener.hostname ?? '')}`;
    if (places.has(place)) at(`${base}.hostname`, 'another listener has this port, protocol and hostname');
    places.add(place);
    listenerTlsErrors(listener, base, at);
    allowedRoutesErrors(listener.allowedRoutes, `${base}.allowedRoutes`, at);
  });
  return errors;
}

function listenerTlsErrors(listener: Record<string, unknown>, base: string, at: At): void {
  const { protocol, tls } = listener;
  if (tls === undefined) {
    if (protocol === 'HTTPS' || protocol === 'TLS') {
      at(
        `${base}.tls`,
        `a ${protocol} listener needs TLS settings${protocol === 'HTTPS' ? ': a certificate to terminate with' : ': Terminate or Passthrough'}`,
      );
    }
    return;
  }
  if (protocol === 'HTTP' || protocol === 'TCP' || protocol === 'UDP') {
    at(`${base}.tls`, `the ${shown(protocol)} listener takes no TLS settings`);
    return;
  }
  if (!isRecord(tls)) {
    at(`${base}.tls`, 'TLS settings must be a mapping of mode and certificateRefs');
    return;
  }
  const mode = tls.mode ?? 'Terminate';
  if (mode !== 'Terminate' && mode !== 'Passthrough')
    at(`${base}.tls.mode`, oneOf(mode, ['Terminate', 'Passthrough']));
  if (protocol === 'HTTPS' && mode !== 'Terminate')
    at(`${base}.tls.mode`, 'an HTTPS listener terminates TLS: mode Terminate');
  if (protocol === 'TLS' && tls.mode === undefined)
    at(`${base}.tls.mode`, 'a TLS listener needs a mode: Terminate or Passthrough');
  const refs =
    tls.certificateRefs === undefined ? [] : listAt(tls.certificateRefs, `${base}.tls.certificateRefs`, at);
  if (mode === 'Terminate' && refs.length === 0 && !isRecord(tls.options)) {
    at(`${base}.tls.certificateRefs`, 'Terminate needs a certificate: name the Secret holding it');
  }
  refs.forEach((ref, i) => {
    const where = `${base}.tls.certificateRefs[${i}]`;
    if (!isRecord(ref)) {
      at(where, 'a certificateRef must be a mapping of name and namespace');
      return;
    }
    const name = refNameProblem(ref.name, 'a certificate');
    if (name) at(`${where}.name`, name);
    referenceErrors(ref, where, at);
  });
}

function allowedRoutesErrors(allowed: unknown, base: string, at: At): void {
  if (allowed === undefined) return;
  if (!isRecord(allowed)) {
    at(base, 'allowedRoutes must be a mapping of namespaces and kinds');
    return;
  }
  const namespaces = allowed.namespaces;
  if (isRecord(namespaces)) {
    const from = namespaces.from ?? 'Same';
    if (!['All', 'Same', 'Selector'].includes(from as string))
      at(`${base}.namespaces.from`, oneOf(from, ['All', 'Same', 'Selector']));
    if (from === 'Selector' && !isRecord(namespaces.selector)) {
      at(`${base}.namespaces.selector`, 'Selector needs a selector: the labels of the namespaces let in');
    }
  }
  if (allowed.kinds !== undefined) {
    listAt(allowed.kinds, `${base}.kinds`, at).forEach((kind, i) => {
      if (!isRecord(kind) || typeof kind.kind !== 'string' || !KIND.test(kind.kind)) {
        at(`${base}.kinds[${i}].kind`, 'a route kind, such as HTTPRoute');
      }
    });
  }
}
