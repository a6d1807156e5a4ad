// ValidateVirtualService (pkg/config/validation/validation.go) and validateHTTPRoute
// (virtualservice.go), rule by rule; the unreachable-route warnings are Weir's
// VS_UNREACHABLE_ROUTE and VS_INEFFECTIVE_MATCH.
import {
  corsHeaderNameProblem,
  destinationProblems,
  durationProblems,
  exportToProblems,
  gatewayNameProblems,
  headerOperationProblems,
  isAuthorityHeader,
  isJwtClaimRoute,
  matchHeaderNameProblem,
  stringMatchProblem,
  stringMatchRegexProblem,
} from './common';
import { arr, entries, field, type Json, type Problems, rec, str, wrapped } from './fields';
import {
  gatewayBoundDomainProblem,
  isDns1123Label,
  isIpAddress,
  labelsProblems,
  parseGoDuration,
  portProblem,
  subnetProblem,
  wildcardDomainProblem,
} from './names';
import { regexProblem } from './regex';

// Go measures strings in UTF-8 bytes.
const ENCODER = new TextEncoder();

export function virtualServiceProblems(namespace: string, spec: Json, out: Problems): void {
  const hosts = arr(spec.hosts).map(str);
  const gateways = arr(spec.gateways).map(str);
  const delegate = hosts.length === 0;
  if (delegate) {
    // A VirtualService without hosts is a delegate: only HTTP routes, bound by its root.
    if (gateways.length > 0)
      out.add(
        'VS_DELEGATE_INVALID',
        'spec.gateways',
        'delegate virtual service must have no gateways specified',
      );
    if (arr(spec.tls).length > 0)
      out.add('VS_DELEGATE_INVALID', 'spec.tls', 'delegate virtual service must have no tls route specified');
    if (arr(spec.tcp).length > 0)
      out.add('VS_DELEGATE_INVALID', 'spec.tcp', 'delegate virtual service must have no tcp route specified');
  }
  let appliesToGateway = false;
  if (gateways.length > 0) {
    gatewayNameProblems(spec.gateways, 'spec.gateways', out);
    appliesToGateway = !gateways.includes('mesh');
  }
  const appliesToMesh = !appliesToGateway;
  if (!appliesToGateway) {
    // JWT claim routing needs the gateway's authentication filter.
    arr(spec.http).forEach((route, r) => {
      arr(rec(route)?.match).forEach((match, m) => {
        for (const key of ['headers', 'withoutHeaders'] as const)
          for (const [name] of entries(rec(match)?.[key]))
            if (isJwtClaimRoute(name))
              out.add(
                'VS_MATCH_INVALID',
                field(`spec.http[${r}].match[${m}].${key}`, name),
                `JWT claim based routing (key: ${name}) is only supported for gateway, found no gateways: [${gateways.join(' ')}]`,
              );
      });
    });
  }
  const sni = arr(spec.tls).some((route) =>
    arr(rec(route)?.match).some((m) => arr(rec(m)?.sniHosts).length > 0),
  );
  let allHostsValid = true;
  hosts.forEach((host, index) => {
    const problem = appliesToGateway ? gatewayBoundDomainProblem(sni, host) : wildcardDomainProblem(host);
    if (problem) {
      if (!isIpAddress(host)) {
        out.add('VS_HOST_INVALID', `spec.hosts[${index}]`, problem);
        allHostsValid = false;
      }
    } else if (appliesToMesh && host === '*') {
      out.add(
        'VS_HOST_INVALID',
        `spec.hosts[${index}]`,
        'wildcard host * is not allowed for virtual services bound to the mesh gateway',
      );
      allHostsValid = false;
    }
  });
  if (allHostsValid) {
    // Duplicates include wildcards that overlap: `*.foo.com` and `*.com`.
    for (let i = 0; i < hosts.length; i++)
      for (let j = i + 1; j < hosts.length; j++)
        if (hostsMatch(hosts[i] ?? '', hosts[j] ?? ''))
          out.add(
            'VS_HOST_INVALID',
            `spec.hosts[${j}]`,
            `duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`,
          );
  }
  if (arr(spec.http).length === 0 && arr(spec.tcp).length === 0 && arr(spec.tls).length === 0)
    out.add('VS_NO_ROUTES', 'spec', 'http, tcp or tls must be provided in virtual service');
  arr(spec.http).forEach((value, index) => {
    const route = rec(value);
    if (!route) out.add('VS_ROUTE_ACTION_INVALID', `spec.http[${index}]`, 'http route may not be null');
    else httpRouteProblems(route, delegate, `spec.http[${index}]`, out);
  });
  arr(spec.tls).forEach((value, index) => {
    const route = rec(value);
    if (route) tlsRouteProblems(route, hosts, appliesToGateway, `spec.tls[${index}]`, out);
  });
  arr(spec.tcp).forEach((value, index) => {
    const route = rec(value);
    if (route) tcpRouteProblems(route, `spec.tcp[${index}]`, out);
  });
  exportToProblems(namespace, spec.exportTo, {}, out);
}

/** host.Name.Matches */
export function hostsMatch(a: string, b: string): boolean {
  const aWild = a.startsWith('*');
  const bWild = b.startsWith('*');
  if (aWild && bWild)
    return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return a === b;
}

/** host.Name.SubsetOf: `a` is covered by `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  const aWild = a.startsWith('*');
  const bWild = b.startsWith('*');
  if (aWild) return bWild && a.length >= b.length && a.slice(1).endsWith(b.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return a === b;
}

/** validateHTTPRoute */
function httpRouteProblems(http: Json, delegate: boolean, path: string, out: Problems): void {
  routeConflictProblems(http, delegate, path, out);
  matchRequestProblems(http, path, out);
  headerOperationProblems(http.headers, `${path}.headers`, out);
  corsProblems(rec(http.corsPolicy), `${path}.corsPolicy`, out);
  faultProblems(rec(http.fault), `${path}.fault`, out);
  const add = (at: string, message: string) => out.add('VS_POLICY_INVALID', at, message);
  const mirrorPercent = wrapped(http.mirrorPercent);
  if (mirrorPercent !== undefined && mirrorPercent > 100)
    add(`${path}.mirrorPercent`, `mirror_percent must have a max value of 100 (it has ${mirrorPercent})`);
  const mirrorPercentage = wrapped(http.mirrorPercentage);
  if (mirrorPercentage !== undefined && mirrorPercentage > 100)
    add(
      `${path}.mirrorPercentage`,
      `mirror_percentage must have a max value of 100 (it has ${mirrorPercentage})`,
    );
  if (mirrorPercentage !== undefined && mirrorPercentage < 0)
    add(
      `${path}.mirrorPercentage`,
      `mirror_percentage must have a min value of 0 (it has ${mirrorPercentage})`,
    );
  destinationProblems(http.mirror, `${path}.mirror`, out);
  arr(http.mirrors).forEach((value, index) => {
    const at = `${path}.mirrors[${index}]`;
    const mirror = rec(value);
    if (!mirror) {
      add(at, 'mirror cannot be null');
      return;
    }
    if (!rec(mirror.destination)) {
      add(`${at}.destination`, 'destination is required for mirrors');
      return;
    }
    destinationProblems(mirror.destination, `${at}.destination`, out);
    const percentage = wrapped(mirror.percentage);
    if (percentage !== undefined && percentage > 100)
      add(`${at}.percentage`, `mirror percentage must have a max value of 100 (it has ${percentage})`);
    if (percentage !== undefined && percentage < 0)
      add(`${at}.percentage`, `mirror percentage must have a min value of 0 (it has ${percentage})`);
  });
  redirectProblems(rec(http.redirect), arr(http.match), `${path}.redirect`, out);
  directResponseProblems(rec(http.directResponse), `${path}.directResponse`, out);
  retryProblems(rec(http.retries), `${path}.retries`, out);
  rewriteProblems(rec(http.rewrite), `${path}.rewrite`, out);
  authorityRewriteProblems(http, path, out);
  routeDestinationProblems(arr(http.route), `${path}.route`, out, true);
  durationProblems('VS_POLICY_INVALID', http.timeout, `${path}.timeout`, out);
}

/** validateHTTPRouteConflict: one action per route; a root route only delegates. */
function routeConflictProblems(http: Json, delegate: boolean, path: string, out: Problems): void {
  const add = (message: string, at = path) => out.add('VS_ROUTE_ACTION_INVALID', at, message);
  const name = str(http.name);
  const has = (key: string) => rec(http[key]) !== undefined;
  const routes = arr(http.route).length;
  if (!delegate && has('delegate')) {
    if (has('redirect')) add(`root HTTP route ${name} must not specify redirect`, `${path}.redirect`);
    // An empty list decodes to nil in Go: only a route with entries counts.
    if (routes > 0) add(`root HTTP route ${name} must not specify route`, `${path}.route`);
    return;
  }
  if (delegate && has('delegate'))
    out.add('VS_DELEGATE_INVALID', `${path}.delegate`, 'delegate HTTP route cannot contain delegate');
  if (has('redirect')) {
    if (routes > 0) add('HTTP route cannot contain both route and redirect', `${path}.redirect`);
    if (has('fault')) add('HTTP route cannot contain both fault and redirect', `${path}.fault`);
    if (has('rewrite')) add('HTTP route rule cannot contain both rewrite and redirect', `${path}.rewrite`);
    if (has('directResponse'))
      add('HTTP route rule cannot contain both direct_response and redirect', `${path}.directResponse`);
  } else if (has('directResponse')) {
    if (routes > 0) add('HTTP route cannot contain both route and direct_response', `${path}.directResponse`);
    if (has('fault')) add('HTTP route cannot contain both fault and direct_response', `${path}.fault`);
    if (has('rewrite'))
      add('HTTP route rule cannot contain both rewrite and direct_response', `${path}.rewrite`);
  } else if (routes === 0) {
    add('HTTP route, redirect or direct_response is required', `${path}.route`);
  }
  if (has('mirror') && arr(http.mirrors).length > 0)
    out.add('VS_POLICY_INVALID', `${path}.mirrors`, 'HTTP route cannot contain both mirror and mirrors');
}

/** validateHTTPRouteMatchRequest */
function matchRequestProblems(http: Json, path: string, out: Problems): void {
  arr(http.match).forEach((value, index) => {
    const match = rec(value);
    if (!match) return;
    const at = `${path}.match[${index}]`;
    // A regex that is not RE2 has its own code; an empty prefix is a match problem.
    const regexOrMatch = (fieldPath: string, problem: string | undefined) => {
      if (problem)
        out.add(problem.includes('regex') ? 'VS_REGEX_INVALID' : 'VS_MATCH_INVALID', fieldPath, problem);
    };
    for (const [name, header] of entries(match.headers)) {
      const fieldPath = field(`${at}.headers`, name);
      if (header === null) out.add('VS_MATCH_INVALID', fieldPath, `header match ${name} cannot be null`);
      out.check('VS_MATCH_INVALID', fieldPath, matchHeaderNameProblem(name));
      regexOrMatch(fieldPath, stringMatchProblem(header, 'headers'));
    }
    for (const [name, header] of entries(match.withoutHeaders)) {
      const fieldPath = field(`${at}.withoutHeaders`, name);
      out.check('VS_MATCH_INVALID', fieldPath, matchHeaderNameProblem(name));
      // `regex: "*"` is not a regex here: Istio reads it as "present".
      if (rec(header) && str(rec(header)?.regex) !== '*')
        regexOrMatch(fieldPath, stringMatchProblem(header, 'withoutHeaders'));
    }
    regexOrMatch(`${at}.uri`, stringMatchRegexProblem(match.uri, 'uri'));
    for (const key of ['scheme', 'method', 'authority'] as const)
      regexOrMatch(`${at}.${key}`, stringMatchProblem(match[key], key));
    for (const [name, query] of entries(match.queryParams))
      regexOrMatch(field(`${at}.queryParams`, name), stringMatchProblem(query, 'queryParams'));
  });
  arr(http.match).forEach((value, index) => {
    const match = rec(value);
    if (!match) return;
    const at = `${path}.match[${index}]`;
    l4MatchProblems(match, at, 'VS_MATCH_INVALID', out);
    const sourceNamespace = str(match.sourceNamespace);
    if (sourceNamespace !== '' && !isDns1123Label(sourceNamespace))
      out.add(
        'VS_MATCH_INVALID',
        `${at}.sourceNamespace`,
        `sourceNamespace match ${sourceNamespace} is invalid`,
      );
  });
}

/** The port, sourceLabels and gateways of any match (HTTP, TLS, TCP). */
function l4MatchProblems(
  match: Json,
  at: string,
  code: 'VS_MATCH_INVALID' | 'VS_TLS_ROUTE_INVALID' | 'VS_TCP_ROUTE_INVALID',
  out: Problems,
): void {
  if (typeof match.port === 'number' && match.port !== 0)
    out.check(code, `${at}.port`, portProblem(match.port));
  for (const problem of labelsProblems(rec(match.sourceLabels) ?? {}))
    out.add(code, `${at}.sourceLabels`, problem);
  gatewayNameProblems(match.gateways, `${at}.gateways`, out);
}

const CORS_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  '*',
]);

/** validateCORSPolicy */
function corsProblems(policy: Json | undefined, path: string, out: Problems): void {
  if (!policy) return;
  arr(policy.allowOrigins).forEach((value, index) => {
    const origin = rec(value) ?? {};
    const at = `${path}.allowOrigins[${index}]`;
    const text = str(origin.exact) || str(origin.prefix) || str(origin.regex);
    if (text === '') out.add('VS_POLICY_INVALID', at, "'' is not a valid match type for CORS allow origins");
    else {
      const problem = stringMatchRegexProblem(origin, 'corsPolicy.allowOrigins');
      if (problem) out.add('VS_REGEX_INVALID', at, problem);
    }
  });
  arr(policy.allowMethods).forEach((method, index) => {
    if (!CORS_METHODS.has(str(method)))
      out.add(
        'VS_POLICY_INVALID',
        `${path}.allowMethods[${index}]`,
        `${JSON.stringify(str(method))} is not a supported HTTP method`,
      );
  });
  for (const key of ['allowHeaders', 'exposeHeaders'] as const)
    arr(policy[key]).forEach((name, index) => {
      out.check('VS_POLICY_INVALID', `${path}.${key}[${index}]`, corsHeaderNameProblem(str(name)));
    });
  if (policy.maxAge !== undefined && policy.maxAge !== null) {
    durationProblems('VS_POLICY_INVALID', policy.maxAge, `${path}.maxAge`, out);
    const nanoseconds = typeof policy.maxAge === 'string' ? parseGoDuration(policy.maxAge) : undefined;
    if (nanoseconds !== undefined && nanoseconds % 1_000_000_000n > 0n)
      out.add(
        'VS_POLICY_INVALID',
        `${path}.maxAge`,
        'max_age duration is accurate only to seconds precision',
      );
  }
}

const GRPC_STATUS = new Set(
  'OK CANCELLED UNKNOWN INVALID_ARGUMENT DEADLINE_EXCEEDED NOT_FOUND ALREADY_EXISTS PERMISSION_DENIED RESOURCE_EXHAUSTED FAILED_PRECONDITION ABORTED OUT_OF_RANGE UNIMPLEMENTED INTERNAL UNAVAILABLE DATA_LOSS UNAUTHENTICATED'.split(
    ' ',
  ),
);

/** validatePercentage: 0, or within [0.0001, 100]. */
function percentageProblem(value: unknown): string | undefined {
  const percent = wrapped(value);
  if (percent === undefined) return undefined;
  return percent < 0 || percent > 100 || (percent > 0 && percent < 0.0001)
    ? `percentage ${percent} is neither 0.0, nor in range [0.0001, 100.0]`
    : undefined;
}

/** validateHTTPStatus */
function httpStatusProblem(status: number): string | undefined {
  return status < 200 || status > 600 ? `HTTP status ${status} is not in range 200-599` : undefined;
}

/** validateHTTPFaultInjection */
function faultProblems(fault: Json | undefined, path: string, out: Problems): void {
  if (!fault) return;
  const add = (at: string, message: string | undefined) => out.check('VS_POLICY_INVALID', at, message);
  const abort = rec(fault.abort);
  const delay = rec(fault.delay);
  if (!abort && !delay) add(path, 'HTTP fault injection must have an abort and/or a delay');
  if (abort) {
    add(`${path}.abort.percentage`, percentageProblem(abort.percentage));
    if (abort.grpcStatus !== undefined) {
      const status = str(abort.grpcStatus);
      if (!GRPC_STATUS.has(status))
        add(
          `${path}.abort.grpcStatus`,
          `gRPC status ${JSON.stringify(status)} is not supported, for example 'NOT_FOUND'`,
        );
    } else if (abort.http2Error !== undefined)
      add(`${path}.abort.http2Error`, 'HTTP/2 abort fault injection not supported yet');
    else if (abort.httpStatus !== undefined)
      add(
        `${path}.abort.httpStatus`,
        httpStatusProblem(typeof abort.httpStatus === 'number' ? abort.httpStatus : 0),
      );
  }
  if (delay) {
    add(`${path}.delay.percentage`, percentageProblem(delay.percentage));
    if (delay.fixedDelay !== undefined)
      durationProblems('VS_POLICY_INVALID', delay.fixedDelay, `${path}.delay.fixedDelay`, out);
    if (delay.exponentialDelay !== undefined) {
      durationProblems('VS_POLICY_INVALID', delay.exponentialDelay, `${path}.delay.exponentialDelay`, out);
      add(`${path}.delay.exponentialDelay`, 'exponentialDelay not supported yet');
    }
  }
}

/** validateHTTPRedirect: the first problem only, as Istio returns. */
function redirectProblems(
  redirect: Json | undefined,
  matches: readonly unknown[],
  path: string,
  out: Problems,
): void {
  if (!redirect) return;
  const problem = ((): [string, string] | undefined => {
    const uri = str(redirect.uri);
    const prefixRewrite = str(redirect.prefixRewrite);
    if (uri !== '' && prefixRewrite !== '')
      return ['uri', 'redirect may only specify one of uri or prefix_rewrite'];
    if (prefixRewrite !== '')
      for (const match of matches) {
        const matchUri = rec(rec(match)?.uri);
        if (matchUri && (matchUri.exact !== undefined || matchUri.regex !== undefined))
          return [
            'prefixRewrite',
            'redirect prefix_rewrite requires all URI matches to use prefix match type',
          ];
      }
    const port = redirect.port;
    if (
      uri === '' &&
      prefixRewrite === '' &&
      str(redirect.authority) === '' &&
      port === undefined &&
      redirect.derivePort === undefined &&
      str(redirect.scheme) === ''
    )
      return ['', 'redirect must specify URI, authority, scheme, or port'];
    const code = typeof redirect.redirectCode === 'number' ? redirect.redirectCode : 0;
    if (code !== 0 && (code < 300 || code > 399))
      return ['redirectCode', `${code} is not a valid redirect code, must be 3xx`];
    const scheme = str(redirect.scheme);
    if (scheme !== '' && scheme !== 'http' && scheme !== 'https')
      return ['scheme', 'invalid redirect scheme, must be "http" or "https"'];
    if (typeof port === 'number' && port > 0) {
      const portIssue = portProblem(port);
      if (portIssue) return ['port', portIssue];
    }
    return undefined;
  })();
  if (problem) out.add('VS_POLICY_INVALID', problem[0] ? `${path}.${problem[0]}` : path, problem[1]);
}

/** validateHTTPDirectResponse */
function directResponseProblems(response: Json | undefined, path: string, out: Problems): void {
  if (!response) return;
  const body = rec(response.body);
  if (body) {
    // Bytes are base64 in JSON: the decoded size counts.
    const size =
      body.bytes !== undefined
        ? Math.floor((str(body.bytes).replace(/=+$/, '').length * 3) / 4)
        : ENCODER.encode(str(body.string)).length;
    if (size > 1024 * 1024)
      out.add(
        'VS_POLICY_INVALID',
        `${path}.body`,
        'large direct_responses may impact control plane performance, must be less than 1MB',
      );
  }
  out.check(
    'VS_POLICY_INVALID',
    `${path}.status`,
    httpStatusProblem(typeof response.status === 'number' ? response.status : 0),
  );
}

const RETRY_ON = new Set(
  '5xx gateway-error reset reset-before-request connect-failure retriable-4xx refused-stream retriable-status-codes retriable-headers envoy-ratelimited http3-post-connect-failure cancelled deadline-exceeded internal resource-exhausted unavailable'.split(
    ' ',
  ),
);
// Go's http.StatusText knows these codes.
const HTTP_STATUS = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307,
  308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421,
  422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

/** validateHTTPRetry */
function retryProblems(retries: Json | undefined, path: string, out: Problems): void {
  if (!retries) return;
  const attempts = typeof retries.attempts === 'number' ? retries.attempts : 0;
  if (attempts < 0) out.add('VS_POLICY_INVALID', `${path}.attempts`, 'attempts cannot be negative');
  if (
    attempts === 0 &&
    (retries.perTryTimeout != null || str(retries.retryOn) !== '' || retries.retryRemoteLocalities != null)
  )
    out.add(
      'VS_POLICY_INVALID',
      `${path}.attempts`,
      'http retry policy configured when attempts are set to 0 (disabled)',
    );
  durationProblems('VS_POLICY_INVALID', retries.perTryTimeout, `${path}.perTryTimeout`, out);
  const retryOn = str(retries.retryOn);
  if (retryOn !== '')
    for (const policy of retryOn.split(',')) {
      // Go's strconv.Atoi then http.StatusText: a known status code is a policy too.
      const code = /^[+-]?\d+$/.test(policy) ? Number(policy) : 0;
      if (!HTTP_STATUS.has(code) && !RETRY_ON.has(policy))
        out.add(
          'VS_POLICY_INVALID',
          `${path}.retryOn`,
          `${JSON.stringify(policy)} is not a valid retryOn policy`,
        );
    }
  durationProblems('VS_POLICY_INVALID', retries.backoff, `${path}.backoff`, out);
}

/** validateHTTPRewrite */
function rewriteProblems(rewrite: Json | undefined, path: string, out: Problems): void {
  if (!rewrite) return;
  const regexRewrite = rec(rewrite.uriRegexRewrite);
  const uri = str(rewrite.uri);
  if (uri !== '' && regexRewrite) {
    out.add('VS_POLICY_INVALID', path, 'rewrite may only contain one of URI or UriRegexRewrite');
    return;
  }
  if (uri === '' && !regexRewrite && str(rewrite.authority) === '') {
    out.add(
      'VS_POLICY_INVALID',
      path,
      'rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified',
    );
    return;
  }
  if (regexRewrite) {
    const at = `${path}.uriRegexRewrite`;
    if (str(regexRewrite.match) === '' || str(regexRewrite.rewrite) === '')
      out.add(
        'VS_POLICY_INVALID',
        at,
        'UriRegexRewrite requires both Rewrite and Match fields to be specified',
      );
    else
      out.check(
        'VS_REGEX_INVALID',
        `${at}.match`,
        regexProblem(str(regexRewrite.match), 'HTTPRewrite.UriRegexRewrite.Match'),
      );
  }
}

/** validateAuthorityRewrite: the authority is rewritten in one place only. */
function authorityRewriteProblems(http: Json, path: string, out: Problems): void {
  let current = str(rec(http.rewrite)?.authority);
  const request = rec(rec(http.headers)?.request);
  for (const op of ['set', 'add'] as const)
    for (const [name, value] of entries(request?.[op])) {
      if (!isAuthorityHeader(name)) continue;
      if (current !== '') {
        out.add(
          'VS_HEADERS_INVALID',
          field(`${path}.headers.request.${op}`, name),
          `authority header cannot be set multiple times: have ${JSON.stringify(current)}, attempting to set ${JSON.stringify(str(value))}`,
        );
        return;
      }
      current = str(value);
    }
}

/**
 * validateHTTPRouteDestinations (HTTP, with header operations) and validateRouteDestinations
 * (TLS, TCP); a total weight of 0 is VS_WEIGHTS_ZERO.
 */
function routeDestinationProblems(
  routes: readonly unknown[],
  path: string,
  out: Problems,
  http = false,
): void {
  routes.forEach((value, index) => {
    const at = `${path}[${index}]`;
    const entry = rec(value);
    if (!entry) {
      out.add('VS_DESTINATION_INVALID', at, 'weight may not be nil');
      return;
    }
    if (!rec(entry.destination))
      out.add('VS_DESTINATION_INVALID', `${at}.destination`, 'destination is required');
    if (http) headerOperationProblems(entry.headers, `${at}.headers`, out);
    destinationProblems(entry.destination, `${at}.destination`, out);
    const weight = typeof entry.weight === 'number' ? entry.weight : 0;
    if (weight < 0) out.add('VS_DESTINATION_INVALID', `${at}.weight`, `weight ${weight} < 0`);
  });
}

/** validateTLSRoute and validateTLSMatch */
function tlsRouteProblems(
  tls: Json,
  hosts: string[],
  gatewayBound: boolean,
  path: string,
  out: Problems,
): void {
  const matches = arr(tls.match);
  if (matches.length === 0)
    out.add('VS_TLS_ROUTE_INVALID', `${path}.match`, 'TLS route must have at least one match condition');
  matches.forEach((value, index) => {
    const at = `${path}.match[${index}]`;
    const match = rec(value);
    if (!match) {
      out.add('VS_TLS_ROUTE_INVALID', at, 'TLS match may not be null');
      return;
    }
    const sniHosts = arr(match.sniHosts).map(str);
    if (sniHosts.length === 0)
      out.add('VS_TLS_ROUTE_INVALID', `${at}.sniHosts`, 'TLS match must have at least one SNI host');
    sniHosts.forEach((sniHost, s) => {
      out.check('VS_TLS_ROUTE_INVALID', `${at}.sniHosts[${s}]`, sniHostProblem(sniHost, hosts, gatewayBound));
    });
    arr(match.destinationSubnets).forEach((subnet, s) => {
      out.check('VS_TLS_ROUTE_INVALID', `${at}.destinationSubnets[${s}]`, subnetProblem(str(subnet)));
    });
    l4MatchProblems(match, at, 'VS_TLS_ROUTE_INVALID', out);
  });
  if (arr(tls.route).length === 0) out.add('VS_TLS_ROUTE_INVALID', `${path}.route`, 'TLS route is required');
  routeDestinationProblems(arr(tls.route), `${path}.route`, out);
}

/** validateSniHost: a valid name (an IP is only a warning) covered by one of the VirtualService's hosts. */
function sniHostProblem(sniHost: string, hosts: string[], gatewayBound: boolean): string | undefined {
  const problem = gatewayBound ? gatewayBoundDomainProblem(true, sniHost) : wildcardDomainProblem(sniHost);
  if (problem) return isIpAddress(sniHost) ? undefined : problem;
  if (hosts.some((host) => hostSubsetOf(sniHost, host))) return undefined;
  return `SNI host ${JSON.stringify(sniHost)} is not a compatible subset of any of the virtual service hosts: [${hosts.join(', ')}]`;
}

/** validateTCPRoute and validateTCPMatch */
function tcpRouteProblems(tcp: Json, path: string, out: Problems): void {
  arr(tcp.match).forEach((value, index) => {
    const at = `${path}.match[${index}]`;
    const match = rec(value);
    if (!match) {
      out.add('VS_TCP_ROUTE_INVALID', at, 'tcp match may not be nil');
      return;
    }
    arr(match.destinationSubnets).forEach((subnet, s) => {
      out.check('VS_TCP_ROUTE_INVALID', `${at}.destinationSubnets[${s}]`, subnetProblem(str(subnet)));
    });
    l4MatchProblems(match, at, 'VS_TCP_ROUTE_INVALID', out);
  });
  if (arr(tcp.route).length === 0) out.add('VS_TCP_ROUTE_INVALID', `${path}.route`, 'TCP route is required');
  routeDestinationProblems(arr(tcp.route), `${path}.route`, out);
}
