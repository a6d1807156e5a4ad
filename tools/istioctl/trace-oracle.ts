// Weir's request tracer (lib/trace) against istiod's own answer (trace-oracle, built by
// `bash tools/istioctl/build.sh trace-oracle`): the same configuration, the same requests, and
// for each request the same outcome, the same route and the same destination clusters with the
// same shares. Used by trace.test.ts (the gate) and trace-agreement.ts (the table in
// docs/trace.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { parseObject } from '../../lib/mesh/parse';
import { resolveHost, splitServerHost } from '../../lib/mesh/resolve';
import type { MeshObject, MeshSnapshot } from '../../lib/mesh/types';
import type { TraceInput } from '../../lib/trace/request';
import { traceRequest } from '../../lib/trace/trace';
import type { TraceResult } from '../../lib/trace/types';
import { admissionProblems } from '../../lib/validate/admission/check';
import { snapshotOf } from '../../lib/validate/test-fixtures';
import { binaryDir } from './reference';

export function oraclePath(): string {
  return path.join(binaryDir(), 'trace-oracle');
}

export function oracleBuilt(): boolean {
  return existsSync(oraclePath());
}

const ROUTING = new Set(['Gateway', 'VirtualService', 'DestinationRule', 'ServiceEntry']);

export interface OracleCall {
  id: string;
  protocol: 'http' | 'tcp' | 'tls';
  tls: 'plaintext' | 'tls';
  port: number;
  address?: string;
  host: string;
  sni?: string;
  path: string;
  query: string;
  method: string;
  headers: Record<string, string>;
}

export interface OracleProxy {
  id: string;
  type: 'router' | 'sidecar';
  namespace: string;
  labels: Record<string, string>;
  calls: OracleCall[];
}

export interface OracleCase {
  id: string;
  config: string;
  kube: string;
  proxies: OracleProxy[];
}

/** istiod's answer to one call. */
export interface IstioAnswer {
  case: string;
  proxy: string;
  call: string;
  error?: string;
  listener?: string;
  virtualHost?: string;
  route?: string;
  virtualService?: string;
  action?: 'route' | 'redirect' | 'direct-response';
  status?: number;
  clusters?: { name: string; weight: number }[];
}

/** One request of a case, as Weir traces it and as the oracle is asked it. */
export interface Probe {
  id: string;
  input: TraceInput;
  call: OracleCall;
  proxy: string;
}

export interface TraceCase {
  id: string;
  snapshot: MeshSnapshot;
  oracle: OracleCase;
  probes: Probe[];
}

/** The routing objects Istio accepts from a manifest text, with Services for the hosts they route to. */
export function caseOf(
  id: string,
  text: string,
  requestsPerProxy: number,
  seed: number,
): TraceCase | undefined {
  const objects: MeshObject[] = [];
  parseAllDocuments(text).forEach((document, index) => {
    const raw = document.toJSON() as unknown;
    if (!raw || typeof raw !== 'object') return;
    const object = parseObject(raw, { file: id, document: index, line: 1 });
    if (!object || object.kind === 'Invalid') return;
    if (!(ROUTING.has(object.kind) || object.kind === 'Service' || object.kind === 'Pod')) return;
    if (ROUTING.has(object.kind) && !String(object.apiVersion).startsWith('networking.istio.io/')) return;
    // Both sides read a manifest without a namespace as `default`, as kubectl would apply it.
    objects.push({
      ...object,
      metadata: { ...object.metadata, namespace: object.metadata.namespace || 'default' },
    } as MeshObject);
  });
  // Only what Istio's webhook admits reaches istiod; lib/validate/admission agrees with it
  // object by object (admission.test.ts).
  const admitted = objects.filter((o) => !ROUTING.has(o.kind) || admissionProblems(o).length === 0);
  const services = syntheticServices(admitted);
  const all = [...admitted, ...services];
  const snapshot = snapshotOf(all);
  const proxies = proxiesOf(snapshot, all, requestsPerProxy, seed);
  if (proxies.length === 0) return undefined;
  const config = all.filter((o) => ROUTING.has(o.kind)).map(manifest);
  const kube = all.filter((o) => o.kind === 'Service').map(manifest);
  return {
    id,
    snapshot,
    oracle: {
      id,
      config: config.join('---\n'),
      kube: kube.join('---\n'),
      proxies: proxies.map((p) => p.oracle),
    },
    probes: proxies.flatMap((p) => p.probes),
  };
}

function manifest(o: MeshObject): string {
  const { source: _source, ...rest } = o as MeshObject & { source?: unknown };
  // JSON, a subset of YAML: Go's YAML 1.1 reader would take a bare `yes` for a boolean.
  return `${JSON.stringify(rest)}\n`;
}

/** Every cluster-local host a route names with no Service behind it gets one, with the ports routes use. */
function syntheticServices(objects: readonly MeshObject[]): MeshObject[] {
  const known = new Set(
    objects.filter((o) => o.kind === 'Service').map((o) => `${o.metadata.name}.${o.metadata.namespace}`),
  );
  const wanted = new Map<string, Set<number>>();
  for (const o of objects) {
    if (o.kind !== 'VirtualService') continue;
    const ns = o.metadata.namespace ?? 'default';
    const spec = o.spec as Record<string, unknown>;
    const routes = ['http', 'tcp', 'tls'].flatMap((k) =>
      Array.isArray(spec[k]) ? (spec[k] as unknown[]) : [],
    );
    const hosts = Array.isArray(spec.hosts) ? (spec.hosts as string[]) : [];
    for (const host of hosts) add(wanted, resolveHost(host, ns), undefined);
    for (const route of routes) {
      const r = route as { route?: { destination?: { host?: string; port?: { number?: number } } }[] };
      for (const d of r.route ?? []) {
        if (d.destination?.host) add(wanted, resolveHost(d.destination.host, ns), d.destination.port?.number);
      }
    }
  }
  let ip = 0;
  const out: MeshObject[] = [];
  for (const [fqdn, ports] of wanted) {
    const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(fqdn);
    if (!m || known.has(`${m[1]}.${m[2]}`)) continue;
    ip += 1;
    const list = ports.size > 0 ? [...ports] : [80];
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: m[1] as string, namespace: m[2] as string },
      spec: {
        clusterIP: `10.96.${Math.floor(ip / 250)}.${(ip % 250) + 1}`,
        selector: { app: m[1] as string },
        ports: list.map((port) => ({ name: `http-${port}`, port, targetPort: port })),
      },
    } as unknown as MeshObject);
  }
  return out;
}

function add(wanted: Map<string, Set<number>>, fqdn: string, port: number | undefined) {
  const ports = wanted.get(fqdn) ?? new Set<number>();
  if (port) ports.add(port);
  wanted.set(fqdn, ports);
}

interface ProxyPlan {
  oracle: OracleProxy;
  probes: Probe[];
}

/** What the configuration's own matches ask about: hosts, paths, headers, query and methods, and near misses. */
function vocabulary(objects: readonly MeshObject[]) {
  const paths = new Set(['/', '/x']);
  const headers = new Map<string, Set<string>>();
  const query = new Map<string, Set<string>>();
  const methods = new Set(['GET']);
  const hosts = new Set<string>(['unknown.example.com']);
  const value = (m: unknown): string[] => {
    if (!m || typeof m !== 'object') return [];
    const s = m as { exact?: string; prefix?: string; regex?: string };
    if (typeof s.exact === 'string') return [s.exact, `${s.exact}x`];
    if (typeof s.prefix === 'string') return [s.prefix, `${s.prefix}x/y`, s.prefix.slice(0, -1)];
    return [];
  };
  for (const o of objects) {
    if (o.kind === 'VirtualService') {
      const spec = o.spec as { hosts?: string[]; http?: { match?: Record<string, unknown>[] }[] };
      for (const h of spec.hosts ?? []) hosts.add(concrete(h));
      for (const route of spec.http ?? []) {
        for (const match of route.match ?? []) {
          for (const p of value(match.uri)) if (p.startsWith('/')) paths.add(p);
          for (const m of value(match.method)) methods.add(m);
          for (const [k, v] of Object.entries((match.headers ?? {}) as Record<string, unknown>)) {
            const set = headers.get(k.toLowerCase()) ?? new Set<string>();
            for (const x of value(v)) set.add(x);
            set.add('other');
            headers.set(k.toLowerCase(), set);
          }
          for (const [k, v] of Object.entries((match.queryParams ?? {}) as Record<string, unknown>)) {
            const set = query.get(k) ?? new Set<string>();
            for (const x of value(v)) set.add(x);
            set.add('other');
            query.set(k, set);
          }
        }
      }
    }
    if (o.kind === 'Gateway') {
      const servers = (o.spec as { servers?: { hosts?: string[] }[] }).servers ?? [];
      for (const s of servers)
        for (const h of s.hosts ?? []) hosts.add(concrete(splitServerHost(h, '').host));
    }
  }
  return { paths, headers, query, methods, hosts };
}

/** A host a wildcard stands for (`*.example.com` → `a.example.com`, `*` → `any.example.org`). */
function concrete(host: string): string {
  if (host === '*') return 'any.example.org';
  return host.startsWith('*.') ? `a.${host.slice(2)}` : host;
}

const token = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/i;
const clean = (v: string) => v.length > 0 && !/[\s\p{Cc}]/u.test(v);

function requests(objects: readonly MeshObject[], count: number, seed: number) {
  const v = vocabulary(objects);
  const pairs = (from: Map<string, Set<string>>, maxLength: number) => {
    const all = [...from].flatMap(([k, vals]) => [...vals].filter(clean).map((x) => [k, x] as const));
    return all.length > 0
      ? fc.array(fc.constantFrom(...all), { maxLength })
      : fc.constant([] as (readonly [string, string])[]);
  };
  const arb = fc.record({
    host: fc.constantFrom(...[...v.hosts].filter((h) => /^[a-z0-9.-]+$/i.test(h))),
    path: fc.constantFrom(...[...v.paths].filter((p) => /^\/[^\s#?\p{Cc}]*$/u.test(p))),
    method: fc.constantFrom(...[...v.methods].filter((m) => token.test(m))),
    headers: pairs(v.headers, 3),
    query: pairs(v.query, 2),
  });
  return fc.sample(arb, { numRuns: count, seed });
}

function proxiesOf(
  snapshot: MeshSnapshot,
  objects: readonly MeshObject[],
  count: number,
  seed: number,
): ProxyPlan[] {
  const plans: ProxyPlan[] = [];
  const samples = requests(objects, count, seed);
  for (const gw of objects) {
    if (gw.kind !== 'Gateway') continue;
    const ref = { namespace: gw.metadata.namespace ?? 'default', name: gw.metadata.name };
    const entry = { kind: 'gateway' as const, ...ref };
    // Weir says which proxy runs the Gateway (its pods, or its selector in its namespace).
    const proxy = traceRequest(snapshot, { entry, request: { port: 1 } }).entry;
    if (proxy.kind !== 'gateway') continue;
    const id = `gateway ${ref.namespace}/${ref.name}`;
    const servers =
      (gw.spec as { servers?: { port?: { number?: number; protocol?: string }; tls?: { mode?: string } }[] })
        .servers ?? [];
    const calls: OracleCall[] = [];
    const probes: Probe[] = [];
    servers.forEach((server, s) => {
      const port = server.port?.number;
      const protocol = (server.port?.protocol ?? '').toUpperCase();
      if (!port) return;
      // The gateway's pods listen on the target port of the Service in front of them; a
      // request to the server's port arrives there (Istio binds the listener to it).
      const listenPort = targetPort(objects, gatewayLabels(snapshot, gw), port);
      const mode = server.tls?.mode;
      // Passthrough TLS and plain TCP are asked by SNI and port alone.
      if (protocol === 'TCP' || (protocol === 'TLS' && mode === 'PASSTHROUGH')) {
        const tls = protocol === 'TLS';
        samples.forEach((sample, i) => {
          const call: OracleCall = {
            ...oracleCall(`${s}.${i}`, listenPort, sample, false),
            protocol: tls ? 'tls' : 'tcp',
            tls: tls ? 'tls' : 'plaintext',
            ...(tls && { sni: sample.host }),
          };
          calls.push(call);
          const request = { protocol: call.protocol, port, ...(tls && { sni: sample.host }) };
          probes.push({ id: call.id, proxy: id, call, input: { entry, request } });
        });
        return;
      }
      // Terminated TLS is asked as HTTPS with SNI. Mutual TLS needs a client certificate the
      // simulation cannot present, so those servers are left out.
      const https = protocol === 'HTTPS';
      if (!['HTTP', 'HTTP2', 'GRPC', 'HTTPS'].includes(protocol)) return;
      if (https && mode !== 'SIMPLE') return;
      samples.forEach((sample, i) => {
        const call = oracleCall(`${s}.${i}`, listenPort, sample, https);
        calls.push(call);
        const request = { ...weirRequest(call, https), port };
        probes.push({ id: call.id, proxy: id, call, input: { entry, request } });
      });
    });
    if (calls.length === 0) continue;
    const labels = gatewayLabels(snapshot, gw);
    plans.push({ oracle: { id, type: 'router', namespace: proxy.proxyNamespace, labels, calls }, probes });
  }
  plans.push(...sidecarPlans(objects, samples));
  return plans;
}

const HTTP_PORT = /^(http|http2|grpc|grpc-web)(-|$)/;

/** From a pod in each namespace that has VirtualServices for the mesh: every such host on its Service's HTTP ports. */
function sidecarPlans(objects: readonly MeshObject[], samples: ReturnType<typeof requests>): ProxyPlan[] {
  const ports = new Map<string, number[]>();
  for (const o of objects) {
    if (o.kind !== 'Service') continue;
    const list = (
      (o.spec as { ports?: { name?: string; port?: number; appProtocol?: string }[] }).ports ?? []
    )
      .filter((p) => p.port && (HTTP_PORT.test(p.name ?? '') || HTTP_PORT.test(p.appProtocol ?? '')))
      .map((p) => p.port as number);
    ports.set(`${o.metadata.name}.${o.metadata.namespace}.svc.cluster.local`, list);
  }
  const plans: ProxyPlan[] = [];
  const namespaces = new Set<string>();
  for (const o of objects) {
    if (o.kind !== 'VirtualService') continue;
    const gateways = (o.spec as { gateways?: string[] }).gateways ?? [];
    if (gateways.length === 0 || gateways.includes('mesh')) namespaces.add(o.metadata.namespace ?? 'default');
  }
  for (const namespace of namespaces) {
    const id = `sidecar in ${namespace}`;
    const calls: OracleCall[] = [];
    const probes: Probe[] = [];
    const entry = { kind: 'mesh' as const, namespace, labels: {} };
    const hosts = new Set<string>();
    for (const o of objects) {
      if (o.kind !== 'VirtualService') continue;
      for (const h of (o.spec as { hosts?: string[] }).hosts ?? []) if (!h.includes('*')) hosts.add(h);
    }
    for (const host of hosts) {
      const fqdn = resolveHost(host, namespace);
      for (const port of ports.get(fqdn) ?? []) {
        samples.forEach((sample, i) => {
          const call = oracleCall(`${host}:${port}.${i}`, port, { ...sample, host }, false);
          calls.push(call);
          probes.push({ id: call.id, proxy: id, call, input: { entry, request: weirRequest(call, false) } });
        });
      }
    }
    if (calls.length > 0)
      plans.push({ oracle: { id, type: 'sidecar', namespace, labels: {}, calls }, probes });
  }
  return plans;
}

function targetPort(objects: readonly MeshObject[], labels: Record<string, string>, port: number): number {
  for (const o of objects) {
    if (o.kind !== 'Service') continue;
    const spec = o.spec as {
      selector?: Record<string, string>;
      ports?: { port?: number; targetPort?: unknown }[];
    };
    const selector = spec.selector ?? {};
    if (Object.keys(selector).length === 0 || !Object.entries(selector).every(([k, v]) => labels[k] === v))
      continue;
    const target = spec.ports?.find((p) => p.port === port)?.targetPort;
    if (typeof target === 'number') return target;
  }
  return port;
}

function gatewayLabels(snapshot: MeshSnapshot, gw: MeshObject): Record<string, string> {
  const selector = ((gw.spec as { selector?: Record<string, string> }).selector ?? {}) as Record<
    string,
    string
  >;
  const pod = Object.values(snapshot.objects).find(
    (o) =>
      o.kind === 'Pod' &&
      Object.keys(selector).length > 0 &&
      Object.entries(selector).every(([k, v]) => o.metadata.labels?.[k] === v),
  );
  return { ...(pod?.metadata.labels ?? selector) };
}

function oracleCall(
  id: string,
  port: number,
  sample: ReturnType<typeof requests>[number],
  https: boolean,
): OracleCall {
  return {
    id,
    protocol: 'http',
    tls: https ? 'tls' : 'plaintext',
    port,
    host: sample.host,
    ...(https && { sni: sample.host }),
    path: sample.path,
    query: new URLSearchParams(sample.query.map(([k, v]) => [k, v])).toString(),
    method: sample.method,
    headers: Object.fromEntries(sample.headers),
  };
}

function weirRequest(call: OracleCall, https: boolean): TraceInput['request'] {
  return {
    protocol: 'http',
    port: call.port,
    method: call.method,
    ...(https && { scheme: 'https' as const, sni: call.sni }),
    authority: call.host,
    path: call.query ? `${call.path}?${call.query}` : call.path,
    headers: call.headers,
  };
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpusDir = process.env.WEIR_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry) ? [full] : [];
    });
}

/** The demo as one mesh, and each corpus file on its own, with `requests` drawn per proxy and port. */
export function traceCases(requests: number, seed = 7): TraceCase[] {
  const demo = yamlFiles(path.join(repoRoot, 'demo/mesh'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n---\n');
  const files = existsSync(corpusDir) ? yamlFiles(corpusDir) : [];
  const fixtures = yamlFiles(path.join(repoRoot, 'tools/istioctl/trace-fixtures'));
  return [
    caseOf('demo', demo, requests, seed),
    ...fixtures.map((f) => caseOf(path.relative(repoRoot, f), readFileSync(f, 'utf8'), requests, seed)),
    ...files.map((f) => caseOf(path.relative(corpusDir, f), readFileSync(f, 'utf8'), requests, seed)),
  ].filter((c): c is TraceCase => c !== undefined);
}

/** One case compared request by request: the differences, and how often each kind of answer came. */
export function agreement(
  c: TraceCase,
  answers: ReadonlyMap<string, IstioAnswer>,
  differ: (weir: TraceResult, istio: IstioAnswer) => string | undefined = disagreement,
): { id: string; requests: number; differences: string[]; outcomes: Map<string, number> } {
  const differences: string[] = [];
  const outcomes = new Map<string, number>();
  for (const probe of c.probes) {
    const istio = answers.get(`${c.id}|${probe.proxy}|${probe.id}`);
    if (!istio) {
      differences.push(`${probe.proxy} ${probe.id}: istiod gave no answer`);
      continue;
    }
    const weir = traceRequest(c.snapshot, probe.input);
    const kind =
      weir.outcome.kind === 'routed'
        ? `routed: ${weir.destinations.length > 1 ? 'split' : 'one'}`
        : weir.outcome.kind;
    outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    const why = differ(weir, istio);
    if (why) differences.push(`${probe.proxy} ${JSON.stringify(probe.call)}: ${why}`);
  }
  return { id: c.id, requests: c.probes.length, differences, outcomes };
}

/** istiod's answers for the cases, by `case|proxy|call`. */
export function istioAnswers(cases: readonly TraceCase[]): Map<string, IstioAnswer> {
  return runOracle(cases.map((c) => c.oracle));
}

/** istiod's answers for oracle cases (configuration, Kubernetes objects, proxies and their calls), by `case|proxy|call`. */
export function runOracle(cases: readonly OracleCase[]): Map<string, IstioAnswer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'weir-trace-'));
  try {
    const input = path.join(dir, 'in.json');
    const output = path.join(dir, 'out.jsonl');
    writeFileSync(input, JSON.stringify({ cases }));
    const run = spawnSync(oraclePath(), ['-test.run=TestOracle'], {
      env: { ...process.env, WEIR_TRACE_INPUT: input, WEIR_TRACE_OUTPUT: output },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (!existsSync(output))
      throw new Error(`trace-oracle failed: ${run.stdout}${run.stderr}${run.error ?? ''}`);
    const answers = new Map<string, IstioAnswer>();
    for (const line of readFileSync(output, 'utf8').split('\n')) {
      if (!line) continue;
      const a = JSON.parse(line) as IstioAnswer;
      answers.set(`${a.case}|${a.proxy}|${a.call}`, a);
    }
    return answers;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Why Weir's trace and istiod's answer differ, or undefined when they agree. */
export function disagreement(weir: TraceResult, istio: IstioAnswer): string | undefined {
  const outcome = weir.outcome.kind;
  if (istio.error === 'istiod could not load this configuration') return istio.error;
  if (istio.error) {
    const expected: Record<string, string[]> = {
      'no listener matched': ['no-listener'],
      'no filter chains matched': ['closed', 'no-listener'],
      'no virtual host matched': ['not-found'],
      'no route matched': ['not-found'],
      'tls required, sending 301': ['https-redirect'],
      'protocol error': ['closed'],
      'invalid TLS': ['closed'],
    };
    const ok = expected[istio.error];
    return ok?.includes(outcome)
      ? undefined
      : `istiod: ${istio.error}; Weir: ${outcome} (${weirWords(weir)})`;
  }
  if (istio.action === 'redirect' || istio.action === 'direct-response') {
    const want = istio.action === 'redirect' ? 'redirect' : 'direct-response';
    const status = 'status' in weir.outcome ? weir.outcome.status : undefined;
    if (outcome !== want || status !== istio.status)
      return `istiod: ${istio.action} ${istio.status} by ${istio.virtualService}; Weir: ${outcome} ${status ?? ''} (${weirWords(weir)})`;
    return sameRoute(weir, istio);
  }
  if (outcome !== 'routed')
    return `istiod: route to ${clusters(istio)}; Weir: ${outcome} (${weirWords(weir)})`;
  const want = shares(istio.clusters ?? []);
  const got = new Map<string, number>();
  for (const d of weir.destinations) got.set(d.cluster, (got.get(d.cluster) ?? 0) + d.share);
  const same =
    want.size === got.size &&
    [...want].every(([name, share]) => Math.abs((got.get(name) ?? -1) - share) < 1e-6);
  if (!same)
    return `istiod: ${clusters(istio)}; Weir: ${[...got].map(([n, s]) => `${n} ${fmt(s)}`).join(', ')}`;
  return sameRoute(weir, istio);
}

function sameRoute(weir: TraceResult, istio: IstioAnswer): string | undefined {
  if (!weir.matched) return undefined;
  if ((istio.route ?? '') !== weir.matched.envoyName)
    return `istiod matched route "${istio.route}", Weir "${weir.matched.envoyName}"`;
  const vs = weir.matched.at.vs;
  if (istio.virtualService && istio.virtualService !== `${vs.namespace}/${vs.name}`)
    return `istiod matched a route of ${istio.virtualService}, Weir of ${vs.namespace}/${vs.name}`;
  return undefined;
}

function shares(list: { name: string; weight: number }[]): Map<string, number> {
  const total = list.reduce((sum, c) => sum + c.weight, 0);
  const out = new Map<string, number>();
  for (const c of list) out.set(c.name, (out.get(c.name) ?? 0) + (total > 0 ? c.weight / total : 0));
  return out;
}

const fmt = (share: number) => `${Math.round(share * 1000) / 10}%`;
const clusters = (a: IstioAnswer) =>
  [...shares(a.clusters ?? [])].map(([n, s]) => `${n} ${fmt(s)}`).join(', ') || '(none)';
const weirWords = (weir: TraceResult) =>
  'why' in weir.outcome
    ? weir.outcome.why
    : weir.steps
        .map((s) => s.text)
        .slice(-2)
        .join(' / ');
