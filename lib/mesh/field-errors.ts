import {
  checkCidr,
  checkDefaultEndpoint,
  checkDuration,
  checkExportTo,
  checkHost,
  checkHttpStatus,
  checkPercent,
  checkPort,
  checkPositiveInt,
  checkRegex,
  checkSniHost,
  checkTlsVersion,
  checkTlsVersionOrder,
  checkWeight,
  duplicateNames,
} from './field-checks';

/** One field that does not check out, by its path in the spec (`http[0].timeout`). */
export interface FieldError {
  path: string;
  message: string;
}

type Check = (value: unknown) => string | undefined;

// A Map, not an object literal: a spec's keys are user input, and `valueOf` or `constructor`
// must not find Object.prototype's functions as checks.
function lookup(checks: Record<string, Check>): ReadonlyMap<string, Check> {
  return new Map(Object.entries(checks));
}

// Which check applies to a field, by the field's own name and its parent's. Walking the
// spec generically keeps unknown fields out of the way and covers every level a field can
// appear at (route, port-level and subset-level traffic policies).
const BY_KEY = lookup({
  timeout: checkDuration,
  perTryTimeout: checkDuration,
  fixedDelay: checkDuration,
  connectTimeout: checkDuration,
  idleTimeout: checkDuration,
  interval: checkDuration,
  baseEjectionTime: checkDuration,
  maxAge: checkDuration,
  ttl: checkDuration,
  regex: checkRegex,
  redirectCode: checkHttpStatus,
  httpStatus: checkHttpStatus,
  attempts: checkPositiveInt,
  maxEjectionPercent: checkPercent,
  minHealthPercent: checkPercent,
  consecutive5xxErrors: checkPositiveInt,
  consecutiveGatewayErrors: checkPositiveInt,
  maxConnections: checkPositiveInt,
  http1MaxPendingRequests: checkPositiveInt,
  http2MaxRequests: checkPositiveInt,
  maxRequestsPerConnection: checkPositiveInt,
  maxRetries: checkPositiveInt,
  minProtocolVersion: checkTlsVersion,
  maxProtocolVersion: checkTlsVersion,
  defaultEndpoint: checkDefaultEndpoint,
  weight: checkWeight,
});

// Lists of text whose every item is checked (`destinationSubnets[1]`).
const BY_ITEM = lookup({
  destinationSubnets: checkCidr,
  sniHosts: checkSniHost,
  hosts: checkHost,
  exportTo: checkExportTo,
});

const BY_PARENT_AND_KEY = lookup({
  'percentage.value': checkPercent,
  'mirrorPercentage.value': checkPercent,
  'directResponse.status': checkHttpStatus,
  'port.number': checkPort,
  'port.targetPort': checkPort,
  // A ServiceEntry's ports are a list of ports, not a `port` mapping.
  'ports.number': checkPort,
  'ports.targetPort': checkPort,
  'tcpKeepalive.time': checkDuration,
  'tcpKeepalive.probes': checkPositiveInt,
  'match.port': checkPort,
  'redirect.port': checkPort,
  'uriRegexRewrite.match': checkRegex,
});

/**
 * Every field error in a spec (any Istio kind): durations, regexes, percentages, ports,
 * HTTP statuses, CIDRs, SNI hosts, TLS versions, duplicate subset and server names, and the
 * rules between fields (a TLS route matches on SNI, a port has one set of port-level
 * settings, a TLS mode brings the certificates it needs). Pure; never throws.
 */
export function specFieldErrors(spec: unknown): FieldError[] {
  const errors: FieldError[] = [];
  walk(spec, '', '', errors);
  if (isRecord(spec)) {
    tlsRouteErrors(spec, errors);
    for (const [path, policy] of trafficPolicies(spec)) policyErrors(path, policy, errors);
    serverTlsErrors(spec, errors);
    serviceEntryErrors(spec, errors);
  }
  if (isRecord(spec) && Array.isArray(spec.subsets)) {
    const names = spec.subsets.map((s) => (isRecord(s) && typeof s.name === 'string' ? s.name : undefined));
    for (const name of duplicateNames(names)) {
      errors.push({ path: 'subsets', message: `subset name ${name} is used more than once` });
    }
  }
  if (isRecord(spec) && Array.isArray(spec.servers)) {
    const seen = new Set<string>();
    spec.servers.forEach((s, i) => {
      const name = isRecord(s) && isRecord(s.port) && typeof s.port.name === 'string' ? s.port.name : '';
      if (name && seen.has(name)) {
        errors.push({
          path: `servers[${i}].port.name`,
          message: `server port name ${name} is used more than once`,
        });
      }
      seen.add(name);
      if (isRecord(s) && (!Array.isArray(s.hosts) || s.hosts.length === 0)) {
        errors.push({ path: `servers[${i}].hosts`, message: 'a server needs at least one host' });
      }
    });
  }
  return errors;
}

function walk(value: unknown, path: string, parentKey: string, errors: FieldError[]): void {
  if (Array.isArray(value)) {
    // A list keeps its field's name as the parent of its items (match[0].port → match.port).
    value.forEach((item, i) => {
      walk(item, `${path}[${i}]`, parentKey, errors);
    });
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const check = BY_PARENT_AND_KEY.get(`${parentKey}.${key}`) ?? BY_KEY.get(key);
    const message =
      typeof child === 'number' && Number.isNaN(child)
        ? 'not a number'
        : check && (typeof child !== 'object' || child === null)
          ? check(child)
          : undefined;
    if (message) errors.push({ path: at, message });
    if (key === 'destination' && isRecord(child) && !child.host) {
      errors.push({ path: `${at}.host`, message: 'a destination needs a host' });
    }
    const itemCheck = BY_ITEM.get(key);
    if (itemCheck && Array.isArray(child)) {
      child.forEach((item, i) => {
        const itemMessage = itemCheck(item);
        if (itemMessage) errors.push({ path: `${at}[${i}]`, message: itemMessage });
      });
    }
    walk(child, at, key, errors);
  }
  const order = checkTlsVersionOrder(value.minProtocolVersion, value.maxProtocolVersion);
  if (order)
    errors.push({ path: path ? `${path}.maxProtocolVersion` : 'maxProtocolVersion', message: order });
}

// A VirtualService's `tls` is a list of routes (a DestinationRule's and a server's is a mapping):
// each TLS route matches on at least one block, each block on at least one SNI host.
function tlsRouteErrors(spec: Record<string, unknown>, errors: FieldError[]): void {
  if (!Array.isArray(spec.tls)) return;
  spec.tls.forEach((route, i) => {
    const matches = isRecord(route) && Array.isArray(route.match) ? route.match : [];
    if (matches.length === 0) {
      errors.push({ path: `tls[${i}].match`, message: 'a TLS route needs at least one match block' });
    }
    matches.forEach((match, j) => {
      const hosts = isRecord(match) && Array.isArray(match.sniHosts) ? match.sniHosts : [];
      if (hosts.length === 0) {
        errors.push({
          path: `tls[${i}].match[${j}].sniHosts`,
          message: 'a TLS match needs at least one SNI host',
        });
      }
    });
  });
}

/** Every traffic policy of a DestinationRule with its path: rule level and each subset's. */
function trafficPolicies(spec: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  const found: Array<[string, Record<string, unknown>]> = [];
  if (isRecord(spec.trafficPolicy)) found.push(['trafficPolicy', spec.trafficPolicy]);
  if (Array.isArray(spec.subsets)) {
    spec.subsets.forEach((subset, i) => {
      if (isRecord(subset) && isRecord(subset.trafficPolicy)) {
        found.push([`subsets[${i}].trafficPolicy`, subset.trafficPolicy]);
      }
    });
  }
  return found;
}

function policyErrors(path: string, policy: Record<string, unknown>, errors: FieldError[]): void {
  clientTlsErrors(`${path}.tls`, policy.tls, errors);
  if (!Array.isArray(policy.portLevelSettings)) return;
  const seen = new Set<unknown>();
  policy.portLevelSettings.forEach((settings, i) => {
    const at = `${path}.portLevelSettings[${i}]`;
    if (!isRecord(settings)) return;
    clientTlsErrors(`${at}.tls`, settings.tls, errors);
    const number = isRecord(settings.port) ? settings.port.number : undefined;
    if (number === undefined) {
      errors.push({ path: `${at}.port.number`, message: 'port-level settings need a port number' });
    } else if (seen.has(number)) {
      errors.push({
        path: `${at}.port.number`,
        message: `port ${number} already has settings above: one entry per port`,
      });
    }
    seen.add(number);
  });
}

// Mutual TLS to a destination presents a client certificate: from a secret, or from files;
// ISTIO_MUTUAL uses the mesh's own and takes none.
function clientTlsErrors(path: string, tls: unknown, errors: FieldError[]): void {
  if (!isRecord(tls)) return;
  if (tls.mode === 'ISTIO_MUTUAL') {
    meshCertificateErrors(
      path,
      tls,
      ['credentialName', 'clientCertificate', 'privateKey', 'caCertificates'],
      errors,
    );
    return;
  }
  if (tls.mode !== 'MUTUAL' || tls.credentialName) return;
  if (!tls.clientCertificate) {
    errors.push({
      path: `${path}.clientCertificate`,
      message: 'MUTUAL needs a credential name, or a client certificate and private key',
    });
  }
  if (!tls.privateKey) {
    errors.push({
      path: `${path}.privateKey`,
      message: 'MUTUAL needs a credential name, or a client certificate and private key',
    });
  }
}

// ISTIO_MUTUAL uses the mesh's own certificates, client side and server side alike: any
// certificate field of the given `keys` that is filled in is one to empty.
function meshCertificateErrors(
  path: string,
  tls: Record<string, unknown>,
  keys: readonly string[],
  errors: FieldError[],
): void {
  for (const key of keys) {
    if (tls[key]) {
      errors.push({
        path: `${path}.${key}`,
        message: 'ISTIO_MUTUAL uses the mesh’s certificates: leave this empty',
      });
    }
  }
}

// What each server TLS mode needs, as Istio's validation has it: SIMPLE and MUTUAL take their
// certificate from a credential (a secret) or from files; MUTUAL also needs a CA to check
// clients; ISTIO_MUTUAL uses the mesh's certificates and takes none; PASSTHROUGH none either.
// The ServiceEntry rules Istio's CRD checks on the API server (x-kubernetes-validations), told
// beside the field before a dry run: one of workloadSelector or endpoints, NONE (the default
// resolution) takes no endpoints, DNS_ROUND_ROBIN one, each port number once, each endpoint an address.
function serviceEntryErrors(spec: Record<string, unknown>, errors: FieldError[]): void {
  const endpoints = Array.isArray(spec.endpoints) ? spec.endpoints : undefined;
  if (endpoints && spec.workloadSelector !== undefined) {
    errors.push({
      path: 'workloadSelector',
      message: 'only one of workloadSelector or endpoints can be set',
    });
  }
  if (endpoints && endpoints.length > 0) {
    const resolution = typeof spec.resolution === 'string' ? spec.resolution : 'NONE';
    if (resolution === 'NONE') {
      errors.push({ path: 'endpoints', message: 'resolution NONE (the default) cannot set endpoints' });
    }
    if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) {
      errors.push({ path: 'endpoints', message: 'DNS_ROUND_ROBIN cannot have more than one endpoint' });
    }
    endpoints.forEach((e, i) => {
      if (isRecord(e) && !e.address && !e.network) {
        errors.push({ path: `endpoints[${i}].address`, message: 'an endpoint needs an address' });
      }
    });
  }
  if (!Array.isArray(spec.ports) || spec.hosts === undefined) return;
  const numbers = spec.ports.map((p) => (isRecord(p) ? p.number : undefined));
  numbers.forEach((n, i) => {
    if (n !== undefined && numbers.indexOf(n) !== i) {
      errors.push({ path: `ports[${i}].number`, message: `port ${String(n)} is already declared above` });
    }
  });
}

function serverTlsErrors(spec: Record<string, unknown>, errors: FieldError[]): void {
  if (!Array.isArray(spec.servers)) return;
  spec.servers.forEach((server, i) => {
    const tls = isRecord(server) ? server.tls : undefined;
    if (!isRecord(tls)) return;
    const at = `servers[${i}].tls`;
    const mode = tls.mode;
    if (mode === 'ISTIO_MUTUAL') {
      meshCertificateErrors(
        at,
        tls,
        ['credentialName', 'serverCertificate', 'privateKey', 'caCertificates'],
        errors,
      );
      return;
    }
    if (mode !== 'SIMPLE' && mode !== 'MUTUAL' && mode !== 'OPTIONAL_MUTUAL') return;
    if (tls.credentialName) return;
    if (!tls.serverCertificate && !tls.privateKey) {
      errors.push({
        path: `${at}.credentialName`,
        message:
          mode === 'SIMPLE'
            ? 'SIMPLE needs a credential name (a secret), or a server certificate and private key'
            : `${mode} needs a credential name (a secret that also holds the client CA), or a server certificate, private key and CA certificates`,
      });
      return;
    }
    if (!tls.serverCertificate) {
      errors.push({
        path: `${at}.serverCertificate`,
        message: `${mode} needs a server certificate with the private key`,
      });
    }
    if (!tls.privateKey) {
      errors.push({
        path: `${at}.privateKey`,
        message: `${mode} needs a private key with the server certificate`,
      });
    }
    if (mode !== 'SIMPLE' && !tls.caCertificates) {
      errors.push({
        path: `${at}.caCertificates`,
        message: `${mode} checks client certificates: it needs CA certificates (or a credential name whose secret holds ca.crt)`,
      });
    }
  });
}

/**
 * The errors of one route of a VirtualService's `kind` list, found in a spec holding that
 * route alone and named from the route down (`timeout`, not `http[0].timeout`): what a route's
 * own form shows, whatever the rest of its VirtualService holds.
 */
export function routeFieldErrors(kind: 'http' | 'tcp' | 'tls', route: unknown): FieldError[] {
  const prefix = new RegExp(`^${kind}\\[0\\]\\.?`);
  return specFieldErrors({ [kind]: [route] }).map((e) => ({ ...e, path: e.path.replace(prefix, '') }));
}

/**
 * The message for the field at `path` or one of its items (`sniHosts[1]`), if any: how a form
 * shows a spec-level error beside its field.
 */
export function errorAt(errors: readonly FieldError[], path: string): string | undefined {
  return errors.find(
    (e) => e.path === path || (e.path.startsWith(`${path}[`) && /^\[\d+\]$/.test(e.path.slice(path.length))),
  )?.message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The errors in `after` that were not already in `before` (an old mistake never blocks an edit). */
export function introducedFieldErrors(before: unknown, after: unknown): FieldError[] {
  const known = new Set(specFieldErrors(before).map((e) => `${e.path} ${e.message}`));
  return specFieldErrors(after).filter((e) => !known.has(`${e.path} ${e.message}`));
}

/** `['http', 0, 'timeout']` → `http[0].timeout`: the path of a form field as errors name it. */
export function pathText(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}
