// Admission rules shared by several kinds: metadata annotations, exportTo, header names and
// values, string matches, destinations, durations (pkg/config/validation/validation.go).
import type { AdmissionCode } from './codes';
import { arr, entries, field, type Json, type Problems, rec, str } from './fields';
import {
  durationProblem,
  fqdnProblem,
  isDns1123Label,
  parseGoDuration,
  portProblem,
  wildcardDomainProblem,
} from './names';
import { regexProblem } from './regex';

// Go measures strings in UTF-8 bytes.
const ENCODER = new TextEncoder();

/** validateMetadata: annotations no user object may carry. */
export function annotationProblems(annotations: Record<string, unknown> | undefined, out: Problems): void {
  for (const key of Object.keys(annotations ?? {})) {
    const path = field('metadata.annotations', key);
    if (key === 'istio.io/dry-run')
      out.add(
        'ANNOTATION_REFUSED',
        path,
        'istio.io/dry-run is only supported on AuthorizationPolicy, please remove the annotation',
      );
    else if (key === 'internal.istio.io/webhook-always-reject')
      out.add('ANNOTATION_REFUSED', path, `${JSON.stringify(key)} annotation found, rejecting`);
    else if (key === 'internal.istio.io/parent-namespace' || key === 'internal.istio.io/parents')
      out.add(
        'ANNOTATION_REFUSED',
        path,
        `${JSON.stringify(key)} annotation found, this may not be set by users`,
      );
  }
}

/** validateExportTo */
export function exportToProblems(
  namespace: string,
  exportTo: unknown,
  options: { serviceEntry?: boolean; workloadSelector?: boolean },
  out: Problems,
): void {
  const values = arr(exportTo).map(str);
  if (values.length === 0) return;
  const add = (message: string) => out.add('EXPORT_TO_INVALID', 'spec.exportTo', message);
  const seen = new Set<string>();
  for (const value of values) {
    const key = value === '.' ? namespace : value;
    if (seen.has(key)) {
      add(
        key !== value
          ? `duplicate entries in exportTo: . and current namespace ${namespace}`
          : `duplicate entries in exportTo for entry ${value}`,
      );
    } else if (options.serviceEntry && value === '~') {
      seen.add(key);
    } else if (key === '~') {
      add('exportTo ~ (none) is not allowed for Istio configuration objects');
    } else if (key !== '.' && key !== '*' && !isDns1123Label(key)) {
      add('only .,*, or a valid DNS 1123 label is allowed as exportTo entry');
    } else {
      seen.add(key);
    }
  }
  if (options.workloadSelector && seen.size > 0) {
    if (!seen.has(namespace))
      add('destination rule with workload selector cannot have exportTo beyond current namespace');
    else if (seen.size > 1)
      add('destination rule with workload selector cannot have multiple entries in exportTo');
  }
  if (seen.has('*') && values.length > 1)
    add('cannot have both public (*) and non-public exportTo values for a resource');
  if (seen.has('~') && values.length > 1) add('cannot export service entry to no one (~) and someone');
}

/** agent.ValidateDuration on a Duration field written as text; `zeroOff` skips 0s (tcp idleTimeout). */
export function durationProblems(code: AdmissionCode, value: unknown, path: string, out: Problems): void {
  if (value === undefined || value === null) return;
  const nanoseconds = typeof value === 'string' ? parseGoDuration(value) : undefined;
  if (nanoseconds === undefined) {
    out.add(code, path, `bad Duration: time: invalid duration ${JSON.stringify(value)}`);
    return;
  }
  out.check(code, path, durationProblem(nanoseconds));
}

/** A Duration field Istio decodes but does not range-check: only the syntax matters. */
export function durationSyntaxProblems(
  code: AdmissionCode,
  value: unknown,
  path: string,
  out: Problems,
): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || parseGoDuration(value) === undefined)
    out.add(code, path, `bad Duration: time: invalid duration ${JSON.stringify(value)}`);
}

const TCHARS = "!#$%&'*+\\-.^_`|~A-Za-z0-9";
const headerName = new RegExp(`^[${TCHARS}]+$`);
const PSEUDO = new Set([':method', ':scheme', ':authority', ':path', ':status']);

/** jwt.ToRoutingClaim(name).Match: `@request.auth.claims.x` or `@request.auth.claims[x]`. */
export function isJwtClaimRoute(name: string): boolean {
  const prefix = '@request.auth.claims';
  if (!name.toLowerCase().startsWith(prefix)) return false;
  const rest = name.slice(prefix.length);
  return (
    (rest.startsWith('.') && rest.length > 1) ||
    (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2)
  );
}

/** ValidateHTTPHeaderNameOrJwtClaimRoute */
export function matchHeaderNameProblem(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (isJwtClaimRoute(name) || PSEUDO.has(name)) return undefined;
  return headerName.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

/** ValidateCORSHTTPHeaderName */
export function corsHeaderNameProblem(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (name === '*') return undefined;
  return headerName.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

const isInternalHeader = (name: string) => name.startsWith(':') || name.toLowerCase() === 'host';
export const isAuthorityHeader = (name: string) => [':authority', 'host'].includes(name.toLowerCase());

/** ValidateHTTPHeaderWithAuthorityOperationName (request add/set). */
function requestSetNameProblem(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (isInternalHeader(name) && !isAuthorityHeader(name))
    return `invalid header ${JSON.stringify(name)}: header cannot have ":" prefix`;
  return undefined;
}

/** ValidateHTTPHeaderOperationName (request remove, response add/set/remove). */
function operationNameProblem(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (name.toLowerCase() === 'host') return `invalid header ${JSON.stringify(name)}: cannot set Host header`;
  if (isInternalHeader(name)) return `invalid header ${JSON.stringify(name)}: header cannot have ":" prefix`;
  return undefined;
}

/** ValidateHTTPHeaderValue: no control characters, and `%VAR%` expressions well formed. */
export function headerValueProblem(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the rule.
  if (/[\u0000-\u0008\u000A-\u001F\u007F]/.test(value))
    return `header value configuration ${value} is invalid`;
  const problem = headerExpressionProblem(value);
  return problem ? `header value configuration: ${problem}` : undefined;
}

/** validateHeaderValue (header_value_validator.go): Envoy's `%VAR(...)%` parser, state by state. */
function headerExpressionProblem(value: string): string | undefined {
  type State = 'literal' | 'name' | 'array' | 'string' | 'inString' | 'delimiter' | 'argsEnd' | 'varEnd';
  let state: State = 'literal';
  const bytes = ENCODER.encode(value);
  for (let pos = 0; pos < bytes.length; pos++) {
    const ch = String.fromCharCode(bytes[pos] ?? 0);
    const hasNext = pos + 1 < bytes.length;
    switch (state) {
      case 'literal':
        if (ch !== '%') break;
        if (!hasNext) return 'invalid header configuration. Un-escaped %';
        if (bytes[pos + 1] === 37) pos++;
        else state = 'name';
        break;
      case 'name':
        if (ch === '%') state = 'literal';
        else if (ch === '(') state = 'array';
        break;
      case 'array':
        if (ch === '[') state = 'string';
        else if (ch !== ' ') state = 'inString';
        break;
      case 'delimiter':
        if (ch === ',') state = 'string';
        else if (ch === ']') state = 'argsEnd';
        else if (ch !== ' ') return "invalid header configuration. Expecting ',', ']', or whitespace";
        break;
      case 'string':
        if (ch === '"') state = 'inString';
        else if (ch !== ' ') return "invalid header configuration. Expecting '\"'";
        break;
      case 'inString':
        if (ch === '\\') {
          if (!hasNext) return 'invalid header configuration. Un-terminated backslash in JSON string';
          pos++;
        } else if (ch === ')') state = 'varEnd';
        else if (ch === '"') state = 'delimiter';
        break;
      case 'argsEnd':
        if (ch === ')') state = 'varEnd';
        else if (ch !== ' ')
          return "invalid header configuration. Expecting ')' or whitespace after '{}', but found '{}'";
        break;
      case 'varEnd':
        if (ch === '%') state = 'literal';
        else if (ch !== ' ') return "invalid header configuration. Expecting '%' or whitespace after";
        break;
    }
  }
  return state === 'literal'
    ? undefined
    : `invalid header configuration. Un-terminated variable expression '${value}'`;
}

/** The header operations of a route or a destination (validateHTTPRoute, validateHTTPRouteDestinations). */
export function headerOperationProblems(headers: unknown, path: string, out: Problems): void {
  const request = rec(rec(headers)?.request);
  const response = rec(rec(headers)?.response);
  const at = (side: string, op: string) => `${path}.${side}.${op}`;
  for (const op of ['add', 'set'] as const) {
    for (const [name, value] of entries(request?.[op])) {
      out.check('VS_HEADERS_INVALID', field(at('request', op), name), requestSetNameProblem(name));
      out.check('VS_HEADERS_INVALID', field(at('request', op), name), headerValueProblem(str(value)));
    }
    for (const [name, value] of entries(response?.[op])) {
      out.check('VS_HEADERS_INVALID', field(at('response', op), name), operationNameProblem(name));
      out.check('VS_HEADERS_INVALID', field(at('response', op), name), headerValueProblem(str(value)));
    }
  }
  arr(request?.remove).forEach((name, index) => {
    out.check('VS_HEADERS_INVALID', `${at('request', 'remove')}[${index}]`, operationNameProblem(str(name)));
  });
  arr(response?.remove).forEach((name, index) => {
    out.check('VS_HEADERS_INVALID', `${at('response', 'remove')}[${index}]`, operationNameProblem(str(name)));
  });
}

/** The kind of a StringMatch as Istio decodes it (a oneof: the last one written wins in JSON). */
function matchType(match: Json): 'exact' | 'prefix' | 'regex' | undefined {
  const kinds = (['exact', 'prefix', 'regex'] as const).filter((kind) => match[kind] !== undefined);
  return kinds[kinds.length - 1];
}

/** validateStringMatch: a prefix or regex may not be empty; a regex must be RE2. */
export function stringMatchProblem(value: unknown, where: string): string | undefined {
  const match = rec(value);
  if (!match) return undefined;
  const type = matchType(match);
  if (type === 'prefix' && str(match.prefix) === '')
    return `${JSON.stringify(where)}: prefix string match should not be empty`;
  if (type === 'regex') return stringMatchRegexProblem(match, where);
  return undefined;
}

/** validateStringMatchRegexp: only the regex kind is checked (an empty URI prefix is fine). */
export function stringMatchRegexProblem(value: unknown, where: string): string | undefined {
  const match = rec(value);
  if (!match || matchType(match) !== 'regex') return undefined;
  const re = str(match.regex);
  if (re === '') return `${JSON.stringify(where)}: regex string match should not be empty`;
  return regexProblem(re, where);
}

/** validateDestination */
export function destinationProblems(value: unknown, path: string, out: Problems): void {
  const destination = rec(value);
  if (!destination) return;
  const host = str(destination.host);
  if (host === '*') out.add('VS_DESTINATION_INVALID', `${path}.host`, `invalid destination host ${host}`);
  else out.check('VS_DESTINATION_INVALID', `${path}.host`, wildcardDomainProblem(host));
  const subset = str(destination.subset);
  if (subset !== '' && !isDns1123Label(subset))
    out.add('VS_DESTINATION_INVALID', `${path}.subset`, `subset name is invalid: ${subset}`);
  const port = rec(destination.port);
  if (port) {
    const number = typeof port.number === 'number' ? port.number : 0;
    out.check('VS_DESTINATION_INVALID', `${path}.port.number`, portProblem(number));
  }
}

/** validateGatewayNames: `name`, `namespace/name` or `mesh`; the legacy `name.namespace` must be an FQDN. */
export function gatewayNameProblems(names: unknown, path: string, out: Problems): void {
  for (const [index, value] of arr(names).entries()) {
    const name = str(value);
    const at = `${path}[${index}]`;
    const slash = name.indexOf('/');
    if (slash < 0) {
      out.check('VS_GATEWAY_NAME_INVALID', at, fqdnProblem(name));
      // Istio stops at the first name without a slash.
      return;
    }
    const namespace = name.slice(0, slash);
    const gateway = name.slice(slash + 1);
    if (namespace === '' || gateway === '')
      out.add('VS_GATEWAY_NAME_INVALID', at, 'config namespace and gateway name cannot be empty');
    if (!isDns1123Label(namespace))
      out.add('VS_GATEWAY_NAME_INVALID', at, `invalid value for namespace: ${JSON.stringify(namespace)}`);
    if (!isDns1123Label(gateway))
      out.add('VS_GATEWAY_NAME_INVALID', at, `invalid value for gateway name: ${JSON.stringify(gateway)}`);
  }
}
