// Variants of real Istio objects for comparing Weir's admission rules with Istio's: each is a
// real object (demo mesh, rule fixtures, corpus) with one to three fields changed to a value
// from a list of edge cases (a required field dropped, bad names, duplicate ports, bad
// durations, weights, regexes, TLS modes…), chosen by fast-check from a fixed seed so that a
// run is repeatable.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';

type Obj = Record<string, unknown>;
type Kind = 'Gateway' | 'VirtualService' | 'DestinationRule' | 'ServiceEntry';
const DROP = Symbol('drop');

/** Where to change a field and the values to try (DROP removes the field). */
interface Mutation {
  kind: Kind;
  path: string;
  values: readonly unknown[];
}

const names = ['ok-name', 'a.b', 'A_b', '', 'x'.repeat(64), '-a', 'a-'];
const hosts = [
  '*',
  '*.example.com',
  'shop',
  'a*.example.com',
  'shop.example.com',
  '10.0.0.1',
  'bad_host.example.com',
  '',
  'example.123',
  `${'a'.repeat(64)}.com`,
  'reviews.shop.svc.cluster.local',
  'ns/shop.example.com',
  '*/shop.example.com',
  './x.example.com',
  'Bad/x.example.com',
];
const durations = ['1s', '100ms', '0.5ms', '0s', '1x', '-1s', '1.0001s', '1h', '1500us', '10', DROP];
const regexes = [
  '^/api/.*',
  '(a+)+$',
  '(?=x)',
  '[',
  'a{1001}',
  '',
  '\\1',
  '(?P<n>x)',
  'x'.repeat(1025),
  '(?i)abc',
  '\\pL+',
  '[[:alpha:]]',
];
const ports = [0, 1, 80, 65535, 65536, -1, 8.5, '80'];
const weights = [-1, 0, 50, 100, 101];
const protocols = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'GRPC', 'http2', 'UDP', 'bogus', ''];

const MUTATIONS: Mutation[] = [
  // Gateway
  { kind: 'Gateway', path: 'metadata.name', values: names },
  { kind: 'Gateway', path: 'spec.servers', values: [DROP, []] },
  { kind: 'Gateway', path: 'spec.servers[0].hosts', values: [DROP, []] },
  { kind: 'Gateway', path: 'spec.servers[0].hosts[0]', values: hosts },
  { kind: 'Gateway', path: 'spec.servers[0].port', values: [DROP] },
  { kind: 'Gateway', path: 'spec.servers[0].port.number', values: ports },
  { kind: 'Gateway', path: 'spec.servers[0].port.name', values: [DROP, 'http', 'https'] },
  { kind: 'Gateway', path: 'spec.servers[0].port.protocol', values: protocols },
  { kind: 'Gateway', path: 'spec.servers[0].port.targetPort', values: [8080, 0] },
  {
    kind: 'Gateway',
    path: 'spec.servers[1]',
    values: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
  },
  {
    kind: 'Gateway',
    path: 'spec.servers[0].bind',
    values: ['0.0.0.0', 'localhost', 'unix:///var/run/x.sock', 'unix://rel', '::1'],
  },
  {
    kind: 'Gateway',
    path: 'spec.servers[0].tls',
    values: [
      DROP,
      {},
      { httpsRedirect: true },
      { mode: 'SIMPLE' },
      { mode: 'SIMPLE', credentialName: 'cert' },
      { mode: 'MUTUAL', credentialName: 'cert' },
      { mode: 'MUTUAL', serverCertificate: '/c', privateKey: '/k' },
      { mode: 'ISTIO_MUTUAL', credentialName: 'cert' },
      { mode: 'ISTIO_MUTUAL' },
      { mode: 'PASSTHROUGH' },
      { mode: 'SIMPLE', credentialName: 'a', serverCertificate: '/c', privateKey: '/k' },
      { mode: 'SIMPLE', credentialName: 'a', caCrl: '/crl' },
    ],
  },
  // VirtualService
  {
    kind: 'VirtualService',
    path: 'spec.hosts',
    values: [DROP, [], ['a.example.com', 'a.example.com'], ['*.example.com', 'a.example.com']],
  },
  { kind: 'VirtualService', path: 'spec.hosts[0]', values: hosts },
  { kind: 'VirtualService', path: 'spec.gateways', values: [DROP, ['mesh'], ['shop/gw', 'mesh']] },
  {
    kind: 'VirtualService',
    path: 'spec.gateways[0]',
    values: ['mesh', 'gw', 'shop/gw', 'gw.shop', 'shop/', '/gw', 'Shop/gw', 'shop/g_w', 'a/b/c'],
  },
  { kind: 'VirtualService', path: 'spec.http', values: [DROP, []] },
  { kind: 'VirtualService', path: 'spec.http[0].route', values: [DROP, []] },
  { kind: 'VirtualService', path: 'spec.http[0].route[0].destination', values: [DROP] },
  { kind: 'VirtualService', path: 'spec.http[0].route[0].destination.host', values: hosts },
  { kind: 'VirtualService', path: 'spec.http[0].route[0].destination.subset', values: names },
  { kind: 'VirtualService', path: 'spec.http[0].route[0].destination.port.number', values: ports },
  { kind: 'VirtualService', path: 'spec.http[0].route[0].weight', values: weights },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].route[1]',
    values: [
      { destination: { host: 'b.shop.svc.cluster.local' } },
      { destination: { host: 'b.shop.svc.cluster.local' }, weight: 0 },
    ],
  },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].route[0].headers.request.set',
    values: [
      { ':path': '/x' },
      { host: 'x' },
      { 'x-a': '%bad' },
      { 'x-a': 'ok%%' },
      { 'x-a': '%START_TIME%' },
      { '': 'x' },
    ],
  },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].headers.response.remove',
    values: [['host'], [':status'], ['x-ok']],
  },
  { kind: 'VirtualService', path: 'spec.http[0].timeout', values: durations },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].retries',
    values: [
      { attempts: 0, retryOn: '5xx' },
      { attempts: 3, retryOn: 'bogus' },
      { attempts: 3, retryOn: '503,reset' },
      { attempts: -1 },
      { attempts: 2, perTryTimeout: '0.1ms' },
    ],
  },
  { kind: 'VirtualService', path: 'spec.http[0].retries.perTryTimeout', values: durations },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].fault',
    values: [
      {},
      { abort: { httpStatus: 503, percentage: { value: 101 } } },
      { abort: { httpStatus: 700 } },
      { abort: { grpcStatus: 'NOPE' } },
      { delay: { fixedDelay: '5s', percentage: { value: 0.00001 } } },
      { delay: { fixedDelay: '5s' } },
    ],
  },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].match[0].uri',
    values: [{ prefix: '' }, { exact: '' }, ...regexes.map((regex) => ({ regex }))],
  },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].match[0].headers',
    values: [
      { 'bad header': { exact: 'x' } },
      { 'x-a': { prefix: '' } },
      { 'x-a': { regex: '(?=y)' } },
      { ':authority': { exact: 'a' } },
      { '@request.auth.claims.sub': { exact: 'a' } },
    ],
  },
  { kind: 'VirtualService', path: 'spec.http[0].match[0].port', values: ports },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].match[0].sourceLabels',
    values: [{ app: 'ok' }, { 'bad key!': 'x' }, { app: 'bad value!' }],
  },
  { kind: 'VirtualService', path: 'spec.http[0].match[0].sourceNamespace', values: ['ok', 'Bad_NS'] },
  { kind: 'VirtualService', path: 'spec.http[0].match[0].gateways', values: [['shop/g_w'], ['mesh']] },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].redirect',
    values: [{}, { uri: '/x' }, { uri: '/x', redirectCode: 200 }, { uri: '/x', scheme: 'ftp' }],
  },
  { kind: 'VirtualService', path: 'spec.http[0].directResponse', values: [{ status: 200 }, { status: 99 }] },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].rewrite',
    values: [
      {},
      { uri: '/' },
      { uriRegexRewrite: { match: '(', rewrite: 'x' } },
      { uri: '/', uriRegexRewrite: { match: 'a', rewrite: 'b' } },
    ],
  },
  { kind: 'VirtualService', path: 'spec.http[0].delegate', values: [{ name: 'd' }] },
  { kind: 'VirtualService', path: 'spec.http[0].mirror', values: [{ host: '*' }, { host: 'm.example.com' }] },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].mirrorPercentage',
    values: [{ value: 101 }, { value: -1 }, { value: 50 }],
  },
  {
    kind: 'VirtualService',
    path: 'spec.http[0].corsPolicy',
    values: [
      { allowMethods: ['GET', 'FETCH'] },
      { allowOrigins: [{ exact: '' }] },
      { allowHeaders: ['bad header'] },
      { maxAge: '1.5s' },
      { maxAge: '24h' },
    ],
  },
  {
    kind: 'VirtualService',
    path: 'spec.tls',
    values: [
      [{ match: [{ sniHosts: ['x.example.com'] }], route: [{ destination: { host: 'x.example.com' } }] }],
      [{ route: [{ destination: { host: 'x.example.com' } }] }],
      [{ match: [{ port: 443 }], route: [{ destination: { host: 'x.example.com' } }] }],
    ],
  },
  {
    kind: 'VirtualService',
    path: 'spec.tcp',
    values: [
      [{ route: [] }],
      [
        {
          match: [{ destinationSubnets: ['10.0.0.0/8', 'x'] }],
          route: [{ destination: { host: 'x.example.com' } }],
        },
      ],
      [{ route: [{ destination: { host: 'x.example.com', port: { number: 70000 } } }] }],
    ],
  },
  {
    kind: 'VirtualService',
    path: 'spec.exportTo',
    values: [['.'], ['*'], ['.', '*'], ['~'], ['.', '.'], ['Bad_NS']],
  },
  {
    kind: 'VirtualService',
    path: 'metadata.annotations',
    values: [{ 'istio.io/dry-run': 'true' }, { 'internal.istio.io/parents': 'x' }, { 'x.io/ok': 'y' }],
  },
  // DestinationRule
  { kind: 'DestinationRule', path: 'spec.host', values: hosts },
  { kind: 'DestinationRule', path: 'spec.subsets[0].name', values: names },
  {
    kind: 'DestinationRule',
    path: 'spec.subsets[1]',
    values: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'dup', labels: { 'bad key!': 'v' } },
    ],
  },
  {
    kind: 'DestinationRule',
    path: 'spec.trafficPolicy',
    values: [
      {},
      { loadBalancer: { simple: 'ROUND_ROBIN' } },
      { tunnel: { targetHost: 'a.example.com', targetPort: 443 }, proxyProtocol: {} },
    ],
  },
  {
    kind: 'DestinationRule',
    path: 'spec.trafficPolicy.connectionPool',
    values: [
      {},
      { tcp: { maxConnections: -1 } },
      { http: { idleTimeout: '0.1ms' } },
      { tcp: { connectTimeout: '30ms', idleTimeout: '0s' } },
      { http: { h2UpgradePolicy: 'UPGRADE', useClientProtocol: true } },
    ],
  },
  {
    kind: 'DestinationRule',
    path: 'spec.trafficPolicy.outlierDetection',
    values: [
      { interval: '1x' },
      { baseEjectionTime: '30s', maxEjectionPercent: 101 },
      { consecutive5xxErrors: 5 },
    ],
  },
  {
    kind: 'DestinationRule',
    path: 'spec.trafficPolicy.loadBalancer',
    values: [
      { consistentHash: { httpCookie: { name: '', ttl: '0s' } } },
      { consistentHash: { maglev: { tableSize: 100 } } },
      { consistentHash: { maglev: { tableSize: 65537 } } },
      { localityLbSetting: { distribute: [{ from: 'a/b/*', to: { 'a/*': 50 } }] } },
      { warmup: { duration: '10s', minimumPercent: { value: 101 } } },
    ],
  },
  {
    kind: 'DestinationRule',
    path: 'spec.trafficPolicy.tls',
    values: [
      { mode: 'MUTUAL' },
      { mode: 'MUTUAL', clientCertificate: '/c', privateKey: '/k' },
      { mode: 'SIMPLE', credentialName: 'c', caCertificates: '/ca' },
      { mode: 'SIMPLE', insecureSkipVerify: true, caCertificates: '/ca' },
      { mode: 'ISTIO_MUTUAL' },
    ],
  },
  {
    kind: 'DestinationRule',
    path: 'spec.trafficPolicy.portLevelSettings',
    values: [
      [{ port: { number: 80 } }],
      [{ tls: { mode: 'ISTIO_MUTUAL' } }],
      [{ port: { number: 80 }, loadBalancer: { simple: 'RANDOM' } }],
    ],
  },
  {
    kind: 'DestinationRule',
    path: 'spec.workloadSelector',
    values: [{ matchLabels: { app: 'x' } }, { matchLabels: { app: 'x*' } }],
  },
  { kind: 'DestinationRule', path: 'spec.exportTo', values: [['.', 'shop'], ['~'], ['*', 'a']] },
  // ServiceEntry
  { kind: 'ServiceEntry', path: 'spec.hosts', values: [DROP, [], ['*'], ['a.example.com', 'b.example.com']] },
  { kind: 'ServiceEntry', path: 'spec.hosts[0]', values: hosts },
  {
    kind: 'ServiceEntry',
    path: 'spec.addresses',
    values: [['10.0.0.1'], ['10.0.0.0/24'], ['300.0.0.1'], ['::1/129']],
  },
  { kind: 'ServiceEntry', path: 'spec.ports[0].number', values: ports },
  { kind: 'ServiceEntry', path: 'spec.ports[0].name', values: names },
  { kind: 'ServiceEntry', path: 'spec.ports[0].protocol', values: protocols },
  { kind: 'ServiceEntry', path: 'spec.ports[1]', values: [{ number: 9999, name: 'dup', protocol: 'TCP' }] },
  {
    kind: 'ServiceEntry',
    path: 'spec.resolution',
    values: ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS', 'BOGUS'],
  },
  {
    kind: 'ServiceEntry',
    path: 'spec.endpoints',
    values: [
      [{ address: '10.0.0.2' }],
      [{ address: 'a.example.com' }],
      [{ address: 'unix:///sock' }],
      [{ address: '10.0.0.2', ports: { nope: 80 } }],
      [{}],
    ],
  },
  { kind: 'ServiceEntry', path: 'spec.workloadSelector', values: [{ labels: { app: 'x' } }] },
  { kind: 'ServiceEntry', path: 'spec.exportTo', values: [['~'], ['~', '.'], ['.']] },
];

/**
 * Sets (or with DROP removes) the field at a dotted path with indexes, creating parents, and
 * answers the path it set (an index past the end of a list appends).
 */
function setAt(object: Obj, fieldPath: string, value: unknown): string {
  const keys = fieldPath.match(/[^.[\]]+/g) ?? [];
  let written = '';
  let node: Record<string, unknown> | unknown[] = object;
  keys.forEach((key, index) => {
    const last = index === keys.length - 1;
    // An index past the end appends: a list with a hole would hold null.
    const slot = /^\d+$/.test(key)
      ? Math.min(Number(key), Array.isArray(node) ? node.length : Number(key))
      : key;
    written += typeof slot === 'number' ? `[${slot}]` : written ? `.${slot}` : slot;
    const container = node as Record<string | number, unknown>;
    if (last) {
      if (value === DROP) {
        if (Array.isArray(node) && typeof slot === 'number') node.splice(slot, 1);
        else delete container[slot];
      } else container[slot] = structuredClone(value);
      return;
    }
    const next = keys[index + 1] ?? '';
    const child = container[slot];
    if (child === null || typeof child !== 'object') container[slot] = /^\d+$/.test(next) ? [] : {};
    node = container[slot] as Obj;
  });
  return written;
}

/** The Istio networking objects of the YAML files under some folders. */
export function baseObjects(folders: readonly string[]): Obj[] {
  const objects: Obj[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry))
        for (const document of parseAllDocuments(readFileSync(full, 'utf8'))) {
          const raw = document.toJSON() as Obj | null;
          const api = raw?.apiVersion;
          if (
            typeof api === 'string' &&
            api.startsWith('networking.istio.io/') &&
            MUTATIONS.some((m) => m.kind === raw?.kind)
          )
            objects.push(raw as Obj);
        }
    }
  };
  for (const folder of folders) walk(folder);
  return objects;
}

export interface Variant {
  object: Obj;
  /** The field paths changed. */
  changed: string[];
}

/** `count` variants of the base objects, one to three fields changed each, from a fixed seed. */
export function variants(bases: readonly Obj[], count: number, seed = 16): Variant[] {
  const byKind = new Map<string, Obj[]>();
  for (const base of bases) byKind.set(String(base.kind), [...(byKind.get(String(base.kind)) ?? []), base]);
  const kinds = [...byKind.keys()];
  const arbitrary = fc.constantFrom(...kinds).chain((kind) => {
    const mutations = MUTATIONS.filter((m) => m.kind === kind);
    const change = fc
      .constantFrom(...mutations)
      .chain((m) => fc.constantFrom(...m.values).map((value) => ({ path: m.path, value })));
    return fc.record({
      base: fc.constantFrom(...(byKind.get(kind) ?? [])),
      changes: fc.array(change, { minLength: 1, maxLength: 3 }),
    });
  });
  return fc.sample(arbitrary, { numRuns: count, seed }).map(({ base, changes }, index) => {
    const object = structuredClone(base);
    object.metadata ??= {};
    const metadata = object.metadata as Obj;
    // A name of its own, so each variant is one object; a namespace as kubectl would give it.
    metadata.namespace ??= 'default';
    if (typeof metadata.name === 'string')
      metadata.name = `${metadata.name}-${index}`.slice(-60).replace(/^[^a-z0-9]+/, 'v');
    const changed = changes.map(({ path: at, value }) => setAt(object, at, value));
    return { object, changed };
  });
}

/**
 * The variants as one multi-document YAML stream, in order, each document written as JSON:
 * Go reads YAML 1.1 (`y` is true) and Weir YAML 1.2, and JSON means the same to both.
 */
export function toYaml(objects: readonly Obj[]): string {
  return objects.map((object) => JSON.stringify(object)).join('\n---\n');
}
