// Weir's tracer through Gateway API Gateways (lib/trace/gateway-api) against istiod's own answer:
// the same trace-oracle binary as trace-oracle.ts, given the Gateway API objects as Kubernetes
// objects. istiod's gateway controller converts them (pilot/pkg/config/kube/gateway) into the
// listeners and routes of the Gateway's deployment, whose pods carry the label
// `gateway.networking.k8s.io/gateway-name` and sit behind the Service `<gateway>-istio`, as in
// Istio's own simulation tests. What is compared, request by request: the outcome, the rule
// that answered (istiod names it `<namespace>.<route>.<rule index>`, or the rule's name) and
// the destination clusters with their shares. Used by trace-gateway-api.test.ts.
import fc from 'fast-check';
import { corpusSnapshot, gatewayApiCorpus } from '../../lib/graph/gateway-api/corpus-snapshot';
import type {
  BackendRef,
  GatewayRoute,
  GRPCRouteRule,
  HTTPRouteRule,
  KubernetesGateway,
} from '../../lib/mesh/gateway-api-types';
import { keyOf } from '../../lib/mesh/object-key';
import { toManifest } from '../../lib/mesh/parse';
import { isServiceKey } from '../../lib/mesh/resolve';
import type { MeshObject, MeshSnapshot, StoredObject } from '../../lib/mesh/types';
import type { TraceResult } from '../../lib/trace/types';
import {
  gatewayProxy,
  ISTIO_GATEWAY_CLASS,
  kubeText,
  oracleManifest,
  PROXY_ADDRESS,
} from './gateway-api-kube';
import {
  agreement,
  disagreement,
  type IstioAnswer,
  type OracleCall,
  type Probe,
  type TraceCase,
} from './trace-oracle';

const HTTP_ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute']);
const CLUSTER_SCOPED = new Set(['GatewayClass', 'Namespace']);

const isGateway = (o: StoredObject): o is KubernetesGateway => o.kind === 'KubernetesGateway';
const isHttpRoute = (o: StoredObject): o is Extract<GatewayRoute, { kind: 'HTTPRoute' | 'GRPCRoute' }> =>
  HTTP_ROUTE_KINDS.has(o.kind);

/**
 * One case per Gateway of the snapshot with an HTTP listener: its requests are drawn from the
 * hostnames, paths, headers, query parameters and methods its routes match, and near misses.
 */
export function gatewayApiCases(
  id: string,
  snapshot: MeshSnapshot,
  requests: number,
  seed: number,
): TraceCase[] {
  // Both sides read a manifest without a namespace as `default`, as kubectl would apply it.
  const placed = Object.values(snapshot.objects).map((o) =>
    CLUSTER_SCOPED.has(o.kind) || o.metadata.namespace
      ? o
      : ({ ...o, metadata: { ...o.metadata, namespace: 'default' } } as StoredObject),
  );
  const withServices = { ...snapshot, objects: Object.fromEntries(placed.map((o) => [keyOf(o), o])) };
  for (const service of backendServices(placed)) withServices.objects[keyOf(service)] = service;
  const objects = Object.values(withServices.objects);
  const samples = sampleRequests(objects, requests, seed);
  const cases: TraceCase[] = [];
  for (const gateway of objects.filter(isGateway)) {
    const namespace = gateway.metadata.namespace ?? 'default';
    const listeners = (gateway.spec.listeners ?? []).filter((l) => l.protocol === 'HTTP');
    if (listeners.length === 0) continue;
    const proxyId = `gateway-api ${namespace}/${gateway.metadata.name}`;
    const entry = { kind: 'kubernetes-gateway' as const, namespace, name: gateway.metadata.name };
    const calls: OracleCall[] = [];
    const probes: Probe[] = [];
    for (const port of new Set(listeners.map((l) => l.port))) {
      samples.forEach((sample, i) => {
        const call: OracleCall = {
          id: `${port}.${i}`,
          protocol: 'http',
          tls: 'plaintext',
          port,
          host: sample.host,
          path: sample.path,
          query: new URLSearchParams(sample.query).toString(),
          method: sample.method,
          headers: Object.fromEntries(sample.headers),
        };
        calls.push(call);
        const request = {
          protocol: 'http' as const,
          port,
          method: call.method,
          authority: call.host,
          path: call.query ? `${call.path}?${call.query}` : call.path,
          headers: call.headers,
        };
        probes.push({ id: call.id, proxy: proxyId, call, input: { entry, request } });
      });
    }
    const proxy = gatewayProxy({ id: proxyId, namespace, name: gateway.metadata.name, calls });
    cases.push({
      id: `${id} ${namespace}/${gateway.metadata.name}`,
      snapshot: withServices,
      oracle: {
        id: `${id} ${namespace}/${gateway.metadata.name}`,
        config: gatewayServiceEntry(gateway),
        kube: kubeObjects(objects, gateway),
        proxies: [proxy],
      },
      probes,
    });
  }
  return cases;
}

/**
 * What the cluster holds for istiod: the Gateway API objects (this Gateway in Istio's own
 * class, so its controller takes it), Namespaces, Services and a GatewayClass `istio`.
 */
function kubeObjects(objects: readonly StoredObject[], gateway: KubernetesGateway): string {
  const out: object[] = [ISTIO_GATEWAY_CLASS];
  for (const o of objects) {
    if (o.kind === 'Invalid' || o.kind === 'GatewayClass') continue;
    if (isGateway(o)) {
      if (keyOf(o) !== keyOf(gateway)) continue;
      const written = toManifest(o as unknown as MeshObject) as { spec: Record<string, unknown> };
      out.push({ ...written, spec: { ...written.spec, gatewayClassName: 'istio' } });
    } else if (
      HTTP_ROUTE_KINDS.has(o.kind) ||
      o.kind === 'ReferenceGrant' ||
      o.kind === 'Service' ||
      o.kind === 'Namespace'
    ) {
      out.push(toManifest(o as unknown as MeshObject));
    }
  }
  return kubeText(out);
}

/** The Service in front of the Gateway's pods, as a ServiceEntry whose one endpoint is the proxy. */
function gatewayServiceEntry(gateway: KubernetesGateway): string {
  const ports = [...new Set((gateway.spec.listeners ?? []).map((l) => l.port))];
  return oracleManifest({
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: `${gateway.metadata.name}-istio`, namespace: gateway.metadata.namespace ?? 'default' },
    spec: {
      hosts: [`${gateway.metadata.name}-istio.${gateway.metadata.namespace ?? 'default'}.svc.cluster.local`],
      ports: ports.map((port) => ({ number: port, name: `http-${port}`, protocol: 'HTTP' })),
      resolution: 'STATIC',
      location: 'MESH_INTERNAL',
      endpoints: [{ address: PROXY_ADDRESS }],
    },
  });
}

/** A Service for every backend (and mirror) a route names that the snapshot lacks, with the ports named. */
function backendServices(objects: readonly StoredObject[]): StoredObject[] {
  const known = new Set(objects.filter((o) => o.kind === 'Service').map((o) => keyOf(o)));
  const wanted = new Map<string, { namespace: string; name: string; ports: Set<number>; grpc: boolean }>();
  const want = (ref: BackendRef, routeNamespace: string, grpc: boolean) => {
    if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') return;
    const namespace = ref.namespace ?? routeNamespace;
    // No Service can be named `CART` or `cart.shop`: the API server would refuse it.
    if (!isServiceKey(ref.name, namespace)) return;
    const key = `Service/${namespace}/${ref.name}`;
    const entry = wanted.get(key) ?? { namespace, name: ref.name, ports: new Set<number>(), grpc };
    if (ref.port) entry.ports.add(ref.port);
    wanted.set(key, entry);
  };
  for (const o of objects) {
    if (!isHttpRoute(o)) continue;
    const namespace = o.metadata.namespace ?? 'default';
    for (const rule of (o.spec.rules ?? []) as Array<HTTPRouteRule | GRPCRouteRule>) {
      for (const ref of rule.backendRefs ?? []) want(ref, namespace, o.kind === 'GRPCRoute');
      for (const filter of rule.filters ?? [])
        if (filter.requestMirror) want(filter.requestMirror.backendRef, namespace, o.kind === 'GRPCRoute');
    }
  }
  let ip = 0;
  const out: StoredObject[] = [];
  for (const [key, { namespace, name, ports, grpc }] of wanted) {
    if (known.has(key)) continue;
    ip += 1;
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: {
        clusterIP: `10.97.${Math.floor(ip / 250)}.${(ip % 250) + 1}`,
        selector: { app: name },
        ports: [...(ports.size > 0 ? ports : [80])].map((port) => ({
          name: `${grpc ? 'grpc' : 'http'}-${port}`,
          port,
          targetPort: port,
        })),
      },
    } as unknown as StoredObject);
  }
  return out;
}

/** The requests: what the routes match, what they nearly match, and hosts no route claims. */
function sampleRequests(objects: readonly StoredObject[], count: number, seed: number) {
  const hosts = new Set(['unknown.example.org']);
  const paths = new Set(['/', '/x']);
  const methods = new Set(['GET']);
  const headers = new Map<string, Set<string>>();
  const query = new Map<string, Set<string>>();
  const addPair = (to: Map<string, Set<string>>, name: string, value: string) => {
    const set = to.get(name) ?? new Set(['other']);
    set.add(value);
    to.set(name, set);
  };
  for (const o of objects) {
    if (isGateway(o)) for (const l of o.spec.listeners ?? []) if (l.hostname) hosts.add(concrete(l.hostname));
    if (!isHttpRoute(o)) continue;
    for (const h of o.spec.hostnames ?? []) hosts.add(concrete(h));
    for (const rule of (o.spec.rules ?? []) as Array<HTTPRouteRule | GRPCRouteRule>) {
      for (const match of rule.matches ?? []) {
        if ('path' in match && match.path?.value && match.path.type !== 'RegularExpression') {
          const v = match.path.value;
          paths.add(v);
          paths.add(`${v.replace(/\/$/, '')}/more`);
          if (v.length > 1) paths.add(v.slice(0, -1));
          paths.add(`${v}x`);
        }
        if ('method' in match && typeof match.method === 'string') methods.add(match.method);
        if ('method' in match && match.method && typeof match.method === 'object') {
          const { service = 'pkg.Service', method = 'Method' } = match.method;
          paths.add(`/${service}/${method}`);
          paths.add(`/${service}/Other`);
          methods.add('POST');
        }
        for (const h of match.headers ?? [])
          if (h.type !== 'RegularExpression') addPair(headers, h.name.toLowerCase(), h.value);
        for (const q of ('queryParams' in match ? match.queryParams : undefined) ?? [])
          if (q.type !== 'RegularExpression') addPair(query, q.name, q.value);
      }
    }
  }
  const clean = (v: string) => v.length > 0 && !/[\s\p{Cc}]/u.test(v);
  const pairs = (from: Map<string, Set<string>>) => {
    const all = [...from].flatMap(([k, vals]) =>
      [...vals].filter(clean).map((x) => [k, x] as [string, string]),
    );
    return all.length > 0
      ? fc.uniqueArray(fc.constantFrom(...all), { maxLength: 3, selector: ([k]) => k })
      : fc.constant<[string, string][]>([]);
  };
  const arbitrary = fc.record({
    host: fc.constantFrom(...[...hosts].filter((h) => /^[a-z0-9.-]+$/.test(h))),
    path: fc.constantFrom(...[...paths].filter((p) => /^\/[^\s#?\p{Cc}]*$/u.test(p))),
    method: fc.constantFrom(...methods),
    headers: pairs(headers),
    query: pairs(query),
  });
  return fc.sample(arbitrary, { numRuns: count, seed });
}

/** A host a wildcard stands for (`*.example.com` → `a.example.com`). */
function concrete(host: string): string {
  return host.startsWith('*.') ? `a.${host.slice(2)}` : host;
}

/** Why Weir's trace and istiod's answer differ, or undefined when they agree. */
export function gatewayApiDisagreement(
  snapshot: MeshSnapshot,
  weir: TraceResult,
  istio: IstioAnswer,
): string | undefined {
  const differs = disagreement(weir, istio);
  if (differs || istio.error || !istio.route) return differs;
  const matched = weir.gatewayApi?.matched;
  if (!matched) return `istiod matched rule "${istio.route}", Weir none (${weir.outcome.kind})`;
  const { namespace, name } = matched.route;
  // istiod names a rule by its own name, else by its route and position.
  const route = Object.values(snapshot.objects).find(
    (o): o is GatewayRoute =>
      isHttpRoute(o) && o.metadata.namespace === namespace && o.metadata.name === name,
  );
  const rule = (route?.spec.rules as Array<{ name?: string }> | undefined)?.[matched.ruleIndex];
  const weirName = rule?.name ?? `${namespace}.${name}.${matched.ruleIndex}`;
  return weirName === istio.route ? undefined : `istiod matched rule "${istio.route}", Weir "${weirName}"`;
}

/** The Gateway API corpus, one snapshot per file (with the files it refers to), as cases. */
export function corpusGatewayApiCases(repoRoot: string, requests: number, seed = 7): TraceCase[] {
  const { folder, present, files } = gatewayApiCorpus(repoRoot);
  if (!present) return [];
  return files.flatMap((file) => gatewayApiCases(file, corpusSnapshot(folder, files, file), requests, seed));
}

/** Weir's trace of each probe of a case, compared with istiod's answers, the rule that answered included. */
export function gatewayApiAgreement(c: TraceCase, answers: ReadonlyMap<string, IstioAnswer>) {
  return agreement(c, answers, (weir, istio) => gatewayApiDisagreement(c.snapshot, weir, istio));
}

const NAMESPACE = 'gw';
const STAMPS = ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'];

/**
 * Generated meshes that put route precedence to the test: one Gateway and several HTTPRoutes
 * whose hostnames overlap (exact, wildcard, none), with path matches of every type and length,
 * headers, query parameters, methods and creation times that tie, so that the order istiod
 * tries them in decides every answer.
 */
export function generatedGatewayApiCases(count: number, requests: number, seed = 11): TraceCase[] {
  const path = fc.oneof(
    fc.record({ type: fc.constant('Exact'), value: fc.constantFrom('/', '/a', '/a/b', '/api') }),
    fc.record({
      type: fc.constant('PathPrefix'),
      value: fc.constantFrom('/', '/a', '/a/b', '/api', '/api/'),
    }),
    fc.record({
      type: fc.constant('RegularExpression'),
      value: fc.constantFrom('/a.*', '/[a-z]+', '/api/[0-9]+'),
    }),
  );
  const match = fc.record(
    {
      path,
      headers: fc.constantFrom([{ name: 'x-v', value: '1' }], [{ name: 'x-v', value: '2' }]),
      queryParams: fc.constantFrom([{ name: 'q', value: 'on' }]),
      method: fc.constantFrom('GET', 'POST'),
    },
    { requiredKeys: [] },
  );
  const weight = fc.integer({ min: 0, max: 3 });
  const backend = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        name: fc.constantFrom('svc-1', 'svc-2', 'svc-3'),
        port: fc.constant(80),
        weight,
      }),
    },
    // A kind istiod does not route to: its share goes nowhere.
    {
      weight: 1,
      arbitrary: fc.record({
        group: fc.constant('acme.io'),
        kind: fc.constant('CustomBackend'),
        name: fc.constant('custom'),
        port: fc.constant(80),
        weight,
      }),
    },
  );
  const rule = fc.record({
    matches: fc.array(match, { maxLength: 2 }),
    backendRefs: fc.uniqueArray(backend, { minLength: 1, maxLength: 2, selector: (b) => b.name }),
  });
  const route = fc.record({
    hostnames: fc.subarray(['a.example.com', '*.example.com', 'b.example.com']),
    rules: fc.array(rule, { minLength: 1, maxLength: 3 }),
    created: fc.constantFrom(...STAMPS),
  });
  const mesh = fc.record({
    listenerHost: fc.constantFrom(undefined, '*.example.com'),
    routes: fc.array(route, { minLength: 2, maxLength: 4 }),
  });
  return fc.sample(mesh, { numRuns: count, seed }).flatMap((generated, n) => {
    const objects: StoredObject[] = [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'KubernetesGateway',
        metadata: { name: 'edge', namespace: NAMESPACE },
        spec: {
          gatewayClassName: 'istio',
          listeners: [
            {
              name: 'http',
              port: 80,
              protocol: 'HTTP',
              ...(generated.listenerHost && { hostname: generated.listenerHost }),
            },
          ],
        },
      } as StoredObject,
      ...generated.routes.map(
        (r, i) =>
          ({
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'HTTPRoute',
            metadata: {
              name: `route-${String.fromCharCode(97 + i)}`,
              namespace: NAMESPACE,
              creationTimestamp: r.created,
            },
            spec: {
              parentRefs: [{ name: 'edge' }],
              ...(r.hostnames.length > 0 && { hostnames: r.hostnames }),
              rules: r.rules.map((x) => ({
                ...(x.matches.length > 0 && { matches: x.matches }),
                backendRefs: x.backendRefs,
              })),
            },
          }) as unknown as StoredObject,
      ),
    ];
    const snapshot: MeshSnapshot = {
      sequence: 1,
      objects: Object.fromEntries(objects.map((o) => [keyOf(o), o])),
      sync: {
        backend: 'files',
        source: 'generated',
        demo: false,
        synced: true,
        syncedAt: STAMPS[0] as string,
      },
    };
    return gatewayApiCases(`generated-${n}`, snapshot, requests, seed + n);
  });
}
