// ValidateDestinationRule and validateTrafficPolicy (pkg/config/validation/validation.go),
// with agent.ValidateTLS and the load balancer's locality checks; duplicate subset names are
// Weir's DR_DUPLICATE_SUBSET.
import { durationProblems, exportToProblems } from './common';
import { arr, entries, type Json, type Problems, rec, str, wrapped } from './fields';
import {
  fqdnProblem,
  ipProblem,
  isDns1123Label,
  labelsProblems,
  parseGoDuration,
  portProblem,
  wildcardDomainProblem,
} from './names';

export function destinationRuleProblems(namespace: string, spec: Json, out: Problems): void {
  out.check('DR_HOST_INVALID', 'spec.host', wildcardDomainProblem(str(spec.host)));
  trafficPolicyProblems(namespace, spec.trafficPolicy, 'spec.trafficPolicy', out);
  arr(spec.subsets).forEach((value, index) => {
    const path = `spec.subsets[${index}]`;
    const subset = rec(value);
    if (!subset) {
      out.add('DR_SUBSET_INVALID', path, 'subset may not be null');
      return;
    }
    // validateSubset
    const name = str(subset.name);
    if (name === '') out.add('DR_SUBSET_INVALID', `${path}.name`, 'subset name cannot be empty');
    else if (!isDns1123Label(name))
      out.add('DR_SUBSET_INVALID', `${path}.name`, `subset name is invalid: ${name}`);
    for (const problem of labelsProblems(rec(subset.labels) ?? {}))
      out.add('DR_SUBSET_INVALID', `${path}.labels`, problem);
    trafficPolicyProblems(namespace, subset.trafficPolicy, `${path}.trafficPolicy`, out);
  });
  const selector = rec(spec.workloadSelector);
  exportToProblems(namespace, spec.exportTo, { workloadSelector: selector !== undefined }, out);
  // validateWorkloadSelector
  for (const [key, value] of entries(selector?.matchLabels)) {
    const path = 'spec.workloadSelector.matchLabels';
    if (key === '')
      out.add(
        'DR_WORKLOAD_SELECTOR_INVALID',
        path,
        `empty key is not supported in selector: "=${str(value)}"`,
      );
    if (key.includes('*') || str(value).includes('*'))
      out.add(
        'DR_WORKLOAD_SELECTOR_INVALID',
        path,
        `wildcard is not supported in selector: "${key}=${str(value)}"`,
      );
  }
}

const POLICY_FIELDS = [
  'outlierDetection',
  'connectionPool',
  'loadBalancer',
  'tls',
  'portLevelSettings',
  'tunnel',
  'proxyProtocol',
  'retryBudget',
];

/** validateTrafficPolicy: the first structural problem stops it, as in Istio. */
function trafficPolicyProblems(namespace: string, value: unknown, path: string, out: Problems): void {
  const policy = rec(value);
  if (!policy) return;
  const add = (at: string, message: string | undefined) =>
    out.check('DR_TRAFFIC_POLICY_INVALID', at, message);
  const set = (key: string) =>
    key === 'portLevelSettings' ? Array.isArray(policy[key]) : rec(policy[key]) !== undefined;
  if (!POLICY_FIELDS.some(set)) {
    add(path, 'traffic policy must have at least one field');
    return;
  }
  if (set('tunnel') && set('proxyProtocol')) {
    add(path, 'tunnel and proxyProtocol must not be set together');
    return;
  }
  portlessPolicyProblems(namespace, policy, path, out);
  arr(policy.portLevelSettings).forEach((entry, index) => {
    const at = `${path}.portLevelSettings[${index}]`;
    const port = rec(entry);
    if (!port) {
      add(at, 'traffic policy may not be null');
      return;
    }
    if (!rec(port.port)) add(`${at}.port`, 'portTrafficPolicy must have valid port');
    if (!['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'].some((key) => rec(port[key])))
      add(at, 'port traffic policy must have at least one field');
    else portlessPolicyProblems(namespace, port, at, out);
  });
  const tunnel = rec(policy.tunnel);
  if (tunnel) {
    const protocol = str(tunnel.protocol);
    if (protocol !== '' && protocol !== 'CONNECT' && protocol !== 'POST')
      add(`${path}.tunnel.protocol`, 'tunnel protocol must be "CONNECT" or "POST"');
    const target = str(tunnel.targetHost);
    const fqdn = fqdnProblem(target);
    const ip = ipProblem(target);
    if (fqdn && ip)
      add(`${path}.tunnel.targetHost`, `tunnel target host must be valid FQDN or IP address: ${fqdn}; ${ip}`);
    const port = portProblem(typeof tunnel.targetPort === 'number' ? tunnel.targetPort : 0);
    if (port) add(`${path}.tunnel.targetPort`, `tunnel target port is invalid: ${port}`);
  }
  const proxyProtocol = rec(policy.proxyProtocol);
  if (proxyProtocol) {
    const version = str(proxyProtocol.version);
    if (version !== '' && version !== 'V1' && version !== 'V2')
      add(`${path}.proxyProtocol.version`, `proxy protocol version is invalid: ${version}`);
  }
}

/** What a traffic policy and a port-level policy share: outlier detection, pool, load balancer, TLS. */
function portlessPolicyProblems(namespace: string, policy: Json, path: string, out: Problems): void {
  const outlier = rec(policy.outlierDetection);
  outlierProblems(outlier, `${path}.outlierDetection`, out);
  connectionPoolProblems(rec(policy.connectionPool), `${path}.connectionPool`, out);
  loadBalancerProblems(rec(policy.loadBalancer), `${path}.loadBalancer`, out);
  clientTlsProblems(namespace, rec(policy.tls), `${path}.tls`, out);
}

/** validateOutlierDetection */
function outlierProblems(outlier: Json | undefined, path: string, out: Problems): void {
  if (!outlier) return;
  durationProblems('DR_TRAFFIC_POLICY_INVALID', outlier.baseEjectionTime, `${path}.baseEjectionTime`, out);
  durationProblems('DR_TRAFFIC_POLICY_INVALID', outlier.interval, `${path}.interval`, out);
  const localOrigin = wrapped(outlier.consecutiveLocalOriginFailures) ?? 0;
  if (outlier.splitExternalLocalOriginErrors !== true && localOrigin > 0)
    out.add(
      'DR_TRAFFIC_POLICY_INVALID',
      `${path}.consecutiveLocalOriginFailures`,
      'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false',
    );
  for (const key of ['maxEjectionPercent', 'minHealthPercent'] as const) {
    const value = typeof outlier[key] === 'number' ? outlier[key] : 0;
    if (value < 0 || value > 100)
      out.add('DR_TRAFFIC_POLICY_INVALID', `${path}.${key}`, `percentage ${value} is not in range 0..100`);
  }
}

/** validateConnectionPool */
function connectionPoolProblems(pool: Json | undefined, path: string, out: Problems): void {
  if (!pool) return;
  const add = (at: string, message: string) => out.add('DR_TRAFFIC_POLICY_INVALID', at, message);
  const http = rec(pool.http);
  const tcp = rec(pool.tcp);
  if (!http && !tcp) {
    add(path, 'connection pool must have at least one field');
    return;
  }
  const negative = (object: Json, key: string, message: string, at: string) => {
    if (typeof object[key] === 'number' && object[key] < 0) add(`${at}.${key}`, message);
  };
  const duration = (value: unknown, at: string) =>
    durationProblems('DR_TRAFFIC_POLICY_INVALID', value, at, out);
  if (http) {
    const at = `${path}.http`;
    negative(http, 'http1MaxPendingRequests', 'http1 max pending requests must be non-negative', at);
    negative(http, 'http2MaxRequests', 'http2 max requests must be non-negative', at);
    negative(http, 'maxRequestsPerConnection', 'max requests per connection must be non-negative', at);
    negative(http, 'maxRetries', 'max retries must be non-negative', at);
    duration(http.idleTimeout, `${at}.idleTimeout`);
    if (http.h2UpgradePolicy === 'UPGRADE' && http.useClientProtocol === true)
      add(`${at}.useClientProtocol`, 'use client protocol must not be true when H2UpgradePolicy is UPGRADE');
    negative(http, 'maxConcurrentStreams', 'max concurrent streams must be non-negative', at);
    const keepalive = rec(http.http2KeepAlive);
    if (keepalive) {
      if (keepalive.interval == null)
        add(`${at}.http2KeepAlive.interval`, 'http2 keepalive interval is required');
      else duration(keepalive.interval, `${at}.http2KeepAlive.interval`);
      if (keepalive.timeout == null)
        add(`${at}.http2KeepAlive.timeout`, 'http2 keepalive timeout is required');
      else duration(keepalive.timeout, `${at}.http2KeepAlive.timeout`);
    }
  }
  if (tcp) {
    const at = `${path}.tcp`;
    negative(tcp, 'maxConnections', 'max connections must be non-negative', at);
    duration(tcp.connectTimeout, `${at}.connectTimeout`);
    duration(tcp.maxConnectionDuration, `${at}.maxConnectionDuration`);
    // Under a millisecond (0s) turns the idle timeout off.
    const idle = typeof tcp.idleTimeout === 'string' ? parseGoDuration(tcp.idleTimeout) : undefined;
    if (idle === undefined || idle <= -1_000_000n || idle >= 1_000_000n)
      duration(tcp.idleTimeout, `${at}.idleTimeout`);
    const keepalive = rec(tcp.tcpKeepalive);
    if (keepalive) {
      duration(keepalive.time, `${at}.tcpKeepalive.time`);
      duration(keepalive.interval, `${at}.tcpKeepalive.interval`);
    }
  }
}

/** Envoy's isPrime, which Istio copies for the maglev table size. */
function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(x));
  for (let factor = 3; factor <= limit; factor += 2) if (x % factor === 0) return false;
  return true;
}

/** validateLoadBalancer */
function loadBalancerProblems(lb: Json | undefined, path: string, out: Problems): void {
  if (!lb) return;
  const add = (at: string, message: string) => out.add('DR_TRAFFIC_POLICY_INVALID', at, message);
  const hash = rec(lb.consistentHash);
  if (hash) {
    const at = `${path}.consistentHash`;
    const cookie = rec(hash.httpCookie);
    if (cookie && str(cookie.name) === '') add(`${at}.httpCookie.name`, 'name required for HttpCookie');
    const names = new Set<string>();
    arr(cookie?.attributes).forEach((attribute, index) => {
      const name = str(rec(attribute)?.name);
      if (name === '')
        add(`${at}.httpCookie.attributes[${index}].name`, 'cookie attribute name cannot be empty');
      else if (names.has(name))
        add(`${at}.httpCookie.attributes[${index}].name`, `duplicate cookie attribute name: ${name}`);
      else names.add(name);
    });
    const ringSize = typeof hash.minimumRingSize === 'number' ? hash.minimumRingSize : 0;
    if (ringSize !== 0 && (rec(hash.maglev) || rec(hash.ringHash)))
      add(`${at}.minimumRingSize`, 'only one of MinimumRingSize or Maglev/Ringhash can be specified');
    const maglev = rec(hash.maglev);
    if (maglev) {
      const size = typeof maglev.tableSize === 'number' ? maglev.tableSize : 0;
      if (size === 0) add(`${at}.maglev.tableSize`, 'tableSize must be set for maglev');
      if (size >= 5000011) add(`${at}.maglev.tableSize`, 'tableSize must be less than 5000011 for maglev');
      if (!isPrime(size)) add(`${at}.maglev.tableSize`, 'tableSize must be a prime number for maglev');
    }
  }
  const locality = rec(lb.localityLbSetting);
  const zoneAware = rec(lb.zoneAwareLbSetting);
  if (locality && zoneAware) add(path, 'only one of localityLbSetting and zoneAwareLbSetting can be set');
  if (locality) localityProblems(locality, `${path}.localityLbSetting`, out);
  if (zoneAware) zoneAwareProblems(zoneAware, `${path}.zoneAwareLbSetting`, out);
  const warmup = rec(lb.warmup);
  if (warmup) {
    if (warmup.duration == null) add(`${path}.warmup.duration`, 'duration is required');
    else durationProblems('DR_TRAFFIC_POLICY_INVALID', warmup.duration, `${path}.warmup.duration`, out);
    if ((wrapped(warmup.minimumPercent) ?? 0) > 100)
      add(`${path}.warmup.minimumPercent`, 'minimumPercent value should be less than or equal to 100');
    const aggression = wrapped(warmup.aggression);
    if (aggression !== undefined && aggression <= 0)
      add(`${path}.warmup.aggression`, 'aggression should be greater than 0');
  }
}

const TOPOLOGY = new Set([
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
]);

/** agent.ValidateLocalityLbSetting: the first problem only, as Istio returns. */
function localityProblems(lb: Json, path: string, out: Problems): void {
  const add = (message: string) => out.add('DR_TRAFFIC_POLICY_INVALID', path, message);
  const distribute = arr(lb.distribute).map((d) => rec(d) ?? {});
  const failover = arr(lb.failover).map((f) => rec(f) ?? {});
  const priority = arr(lb.failoverPriority).map(str);
  if (distribute.length > 0 && failover.length > 0) {
    add("can not simultaneously specify 'distribute' and 'failover'");
    return;
  }
  if (failover.length > 0)
    for (const label of priority)
      if (TOPOLOGY.has(label)) {
        add(`can not simultaneously set 'failover' and topology label '${label}' in 'failover_priority'`);
        return;
      }
  const sources: string[] = [];
  for (const entry of distribute) {
    sources.push(str(entry.from));
    let total = 0;
    const destinations: string[] = [];
    for (const [locality, weight] of entries(entry.to)) {
      destinations.push(locality);
      const w = typeof weight === 'number' ? weight : 0;
      if (w <= 0 || w > 100) {
        add('locality weight must be in range [1, 100]');
        return;
      }
      total += w;
    }
    if (total !== 100) {
      add(`total locality weight ${total} != 100`);
      return;
    }
    const problem = localitiesProblem(destinations);
    if (problem) add(problem);
  }
  const problem = localitiesProblem(sources);
  if (problem) add(problem);
  for (const entry of failover) failoverProblems(entry, 'locality lb failover', add);
}

function failoverProblems(entry: Json, what: string, add: (message: string) => void): void {
  const from = str(entry.from);
  const to = str(entry.to);
  if (from === to) add(`${what} settings must specify different regions`);
  if (from.includes('/') || to.includes('/'))
    add(
      what.startsWith('zone')
        ? `${what} only specifies region; zone and subzone failover are handled automatically`
        : `${what} only specify region`,
    );
  if (from.includes('*') || to.includes('*')) add(`${what} region should not contain '*' wildcard`);
}

/** agent.ValidateZoneAwareLbSetting */
function zoneAwareProblems(lb: Json, path: string, out: Problems): void {
  const add = (message: string) => out.add('DR_TRAFFIC_POLICY_INVALID', path, message);
  for (const label of arr(lb.failoverPriority).map(str))
    if (TOPOLOGY.has(label))
      add(
        `'failover_priority' for zone aware lb must not use topology label '${label}'; region- and zone-level routing are handled automatically`,
      );
  for (const entry of arr(lb.failover).map((f) => rec(f) ?? {}))
    failoverProblems(entry, 'zone aware lb failover', add);
}

/** agent.validateLocalities: `region/zone/subzone` with one trailing `*`, none overlapping. */
function localitiesProblem(localities: string[]): string | undefined {
  const seen = new Map<string, Map<string, Set<string>>>();
  for (const locality of localities) {
    const stars = (locality.match(/\*/g) ?? []).length;
    if (stars > 0 && (stars > 1 || !locality.endsWith('*')))
      return `locality ${locality} wildcard '*' number can not exceed 1 and must be in the end`;
    if (seen.has('*')) return `locality ${locality} overlap with previous specified ones`;
    const items = splitN(locality, '/', 3);
    if (items.some((item) => item === ''))
      return `locality ${locality} must not contain empty region/zone/subzone info`;
    const [region = '', zone = '', subZone = ''] = items;
    const overlap = `locality ${locality} overlap with previous specified ones`;
    const zones = seen.get(region);
    if (items.length === 1) {
      if (zones) return overlap;
      seen.set(region, new Map([['*', new Set(['*'])]]));
    } else if (items.length === 2) {
      if (zones) {
        if (zones.has('*') || zones.has(zone)) return overlap;
        zones.set(zone, new Set(['*']));
      } else seen.set(region, new Map([[zone, new Set(['*'])]]));
    } else if (zones) {
      if (zones.has('*')) return overlap;
      const subZones = zones.get(zone);
      if (subZones) {
        if (subZones.has('*') || subZones.has(subZone)) return overlap;
        subZones.add(subZone);
      } else zones.set(zone, new Set([subZone]));
    } else seen.set(region, new Map([[zone, new Set([subZone])]]));
  }
  return undefined;
}

/** Go's strings.SplitN */
function splitN(text: string, separator: string, n: number): string[] {
  const parts = text.split(separator);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(separator)];
}

/** agent.ValidateTLS (client TLS of a DestinationRule). */
function clientTlsProblems(namespace: string, tls: Json | undefined, path: string, out: Problems): void {
  if (!tls) return;
  const add = (at: string, message: string) => out.add('DR_TRAFFIC_POLICY_INVALID', at, message);
  const mode = str(tls.mode) || 'DISABLE';
  const has = (key: string) => str(tls[key]) !== '';
  const credential = str(tls.credentialName);
  if (credential.startsWith('configmap://')) {
    const rest = credential.slice('configmap://'.length);
    const parts = rest.split('/');
    const ns = parts.length === 2 ? parts[0] : namespace;
    if (rest === '' || parts.length > 2 || parts.some((part) => part === ''))
      add(
        `${path}.credentialName`,
        `invalid configmap:// credentialName: invalid resource name ${JSON.stringify(credential)}`,
      );
    else if (ns !== namespace || namespace === '')
      add(
        `${path}.credentialName`,
        `invalid configmap:// credentialName: namespace must match the configuration namespace ${JSON.stringify(namespace)}`,
      );
  }
  // A BoolValue: JSON writes it bare.
  if (tls.insecureSkipVerify === true) {
    if (mode === 'SIMPLE' && (has('caCertificates') || has('credentialName') || tls.subjectAltNames != null))
      add(
        path,
        'cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true',
      );
    if (mode === 'MUTUAL' && (has('caCertificates') || tls.subjectAltNames != null))
      add(path, 'cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true');
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && has('credentialName')) {
    if (has('clientCertificate') || has('caCertificates') || has('privateKey') || has('caCrl'))
      add(path, 'cannot specify client certificates or CA certificate or CA CRL If credentialName is set');
    return;
  }
  if (mode === 'MUTUAL') {
    if (!has('clientCertificate'))
      add(`${path}.clientCertificate`, 'client certificate required for mutual tls');
    if (!has('privateKey')) add(`${path}.privateKey`, 'private key required for mutual tls');
  }
}
