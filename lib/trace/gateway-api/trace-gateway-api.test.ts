import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayApiCorpus } from '../../graph/gateway-api/corpus-snapshot';
import type { TraceInput } from '../request';
import { meshOf, service } from '../test-mesh';
import { traceRequest } from '../trace';

const gatewayApiGateway = (listeners: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: istio
  listeners:
${listeners}`;

const listener = (name: string, port: number, protocol: string, extra = '') =>
  `    - {name: ${name}, port: ${port}, protocol: ${protocol}, allowedRoutes: {namespaces: {from: All}}${extra}}`;

const route = (name: string, spec: string, created = '2026-01-01T00:00:00Z', namespace = 'shop') =>
  `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: ${namespace}, creationTimestamp: "${created}"}
spec:
  parentRefs: [{name: edge, namespace: infra}]
${spec}`;

const through = (request: TraceInput['request']): TraceInput => ({
  entry: { kind: 'kubernetes-gateway', namespace: 'infra', name: 'edge' },
  request,
});

const shop = [
  gatewayApiGateway(listener('http', 80, 'HTTP')),
  service('web', 'shop', 8080),
  service('web-canary', 'shop', 8080),
  service('api', 'shop', 8080),
  service('catch', 'shop', 8080),
  // Written oldest last and least specific first, so neither file order nor age decides.
  route(
    'catch-all',
    `  hostnames: ["*.example.com"]
  rules:
    - backendRefs: [{name: catch, port: 8080}]`,
    '2025-01-01T00:00:00Z',
  ),
  route(
    'web',
    `  hostnames: ["shop.example.com"]
  rules:
    - matches: [{path: {type: PathPrefix, value: /}}]
      backendRefs: [{name: web, port: 8080, weight: 3}, {name: web-canary, port: 8080, weight: 1}]
    - matches: [{path: {type: PathPrefix, value: /}, headers: [{name: x-canary, value: "1"}]}]
      backendRefs: [{name: web-canary, port: 8080}]`,
    '2026-03-01T00:00:00Z',
  ),
  route(
    'api',
    `  hostnames: ["shop.example.com"]
  rules:
    - matches: [{path: {type: PathPrefix, value: /api}}]
      filters:
        - type: URLRewrite
          urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}
      backendRefs: [{name: api, port: 8080}]
    - matches: [{path: {type: Exact, value: /old}}]
      filters:
        - type: RequestRedirect
          requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /new}, statusCode: 301}`,
    '2026-06-01T00:00:00Z',
  ),
];

describe('trace through a Gateway API Gateway', () => {
  const snapshot = meshOf(...shop);

  it('splits by relative weights (3:1 is 75% / 25%) and says which listener, hostname and rule', () => {
    const result = traceRequest(
      snapshot,
      through({ port: 80, authority: 'shop.example.com', path: '/cart' }),
    );
    expect(result.outcome.kind).toBe('routed');
    expect(result.gatewayApi?.listener).toMatchObject({ name: 'http', port: 80, protocol: 'HTTP' });
    expect(result.gatewayApi?.hostname).toBe('shop.example.com');
    expect(result.gatewayApi?.matched).toMatchObject({ route: { name: 'web' }, ruleIndex: 0 });
    expect(result.destinations.map((d) => [d.cluster, d.share])).toEqual([
      ['outbound|8080||web.shop.svc.cluster.local', 0.75],
      ['outbound|8080||web-canary.shop.svc.cluster.local', 0.25],
    ]);
  });

  it('tries the longer prefix of a newer route first, and rewrites its prefix', () => {
    const result = traceRequest(
      snapshot,
      through({ port: 80, authority: 'shop.example.com', path: '/api/items' }),
    );
    expect(result.gatewayApi?.matched).toMatchObject({ route: { name: 'api' }, ruleIndex: 0 });
    expect(result.gatewayApi?.tried[0]?.route.name).toBe('api');
    expect(result.effects?.rewrite).toEqual({ path: '/v2/items' });
    expect(result.destinations.map((d) => d.fqdn)).toEqual(['api.shop.svc.cluster.local']);
  });

  it('PathPrefix /api does not take /apix (whole path elements)', () => {
    const result = traceRequest(
      snapshot,
      through({ port: 80, authority: 'shop.example.com', path: '/apix' }),
    );
    expect(result.gatewayApi?.matched?.route.name).toBe('web');
    expect(result.steps.some((s) => s.text.includes('is not under the prefix "/api"'))).toBe(true);
  });

  it('more header matches first: the canary header wins over the split of the same path', () => {
    const result = traceRequest(
      snapshot,
      through({ port: 80, authority: 'shop.example.com', path: '/', headers: { 'X-Canary': '1' } }),
    );
    expect(result.gatewayApi?.matched).toMatchObject({ route: { name: 'web' }, ruleIndex: 1 });
    expect(result.destinations.map((d) => [d.fqdn, d.share])).toEqual([
      ['web-canary.shop.svc.cluster.local', 1],
    ]);
  });

  it('an Exact path before every prefix; a redirect answers', () => {
    const result = traceRequest(snapshot, through({ port: 80, authority: 'shop.example.com', path: '/old' }));
    expect(result.outcome).toEqual({
      kind: 'redirect',
      status: 301,
      location: 'http://shop.example.com/new',
    });
  });

  it('the exact hostname wins; another host falls to the wildcard route; an unrelated host is 404', () => {
    expect(
      traceRequest(snapshot, through({ port: 80, authority: 'www.example.com' })).gatewayApi?.matched?.route
        .name,
    ).toBe('catch-all');
    const none = traceRequest(snapshot, through({ port: 80, authority: 'other.org' }));
    expect(none.outcome).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('no listener on the port refuses; an unknown Gateway says so', () => {
    expect(traceRequest(snapshot, through({ port: 81 })).outcome.kind).toBe('no-listener');
    const unknown = traceRequest(snapshot, {
      entry: { kind: 'kubernetes-gateway', namespace: 'infra', name: 'nope' },
      request: { port: 80 },
    });
    expect(unknown.outcome).toMatchObject({
      kind: 'no-listener',
      why: expect.stringContaining('infra/nope'),
    });
  });

  it('every weight 0 answers 500, as the spec requires', () => {
    const zero = meshOf(
      gatewayApiGateway(listener('http', 80, 'HTTP')),
      service('web', 'shop', 8080),
      route('zero', '  rules:\n    - backendRefs: [{name: web, port: 8080, weight: 0}]'),
    );
    expect(traceRequest(zero, through({ port: 80, authority: 'a.b' })).outcome).toMatchObject({
      kind: 'direct-response',
      status: 500,
    });
  });

  it("a backend of a kind Istio does not route to takes its share to istiod's UnknownService; a Hostname backend is the host itself", () => {
    const mixed = meshOf(
      gatewayApiGateway(listener('http', 80, 'HTTP')),
      service('web', 'shop', 8080),
      route(
        'mixed',
        `  rules:
    - backendRefs:
        - {name: web, port: 8080, weight: 3}
        - {group: acme.io, kind: CustomBackend, name: custom, port: 8080, weight: 1}
        - {group: networking.istio.io, kind: Hostname, name: api.example.org, port: 443, weight: 4}`,
      ),
    );
    const result = traceRequest(mixed, through({ port: 80, authority: 'a.b' }));
    expect(result.destinations.map((d) => [d.cluster, d.share])).toEqual([
      ['outbound|8080||web.shop.svc.cluster.local', 0.375],
      ['UnknownService', 0.125],
      ['outbound|443||api.example.org', 0.5],
    ]);
    expect(result.destinations[1]?.warnings.join(' ')).toMatch(
      /acme\.io\/CustomBackend .*requests sent to it fail/,
    );
  });

  it('a Service backendRef is looked up by its exact name: `WEB` is not the Service `web`, and a mirror to it is left out', () => {
    const spelt = meshOf(
      gatewayApiGateway(listener('http', 80, 'HTTP')),
      service('web', 'shop', 8080),
      route(
        'spelt',
        `  rules:
    - filters: [{type: RequestMirror, requestMirror: {backendRef: {name: Web, port: 8080}}}]
      backendRefs: [{name: WEB, port: 8080}, {name: web, port: 8080}]`,
      ),
    );
    const result = traceRequest(spelt, through({ port: 80, authority: 'a.b' }));
    // istiod's clusters for the same route (tools/istioctl/trace-gateway-api.test.ts).
    expect(result.destinations.map((d) => [d.cluster, d.share])).toEqual([
      ['outbound|8080||WEB.shop.svc.cluster.local', 0.5],
      ['outbound|8080||web.shop.svc.cluster.local', 0.5],
    ]);
    expect(result.destinations[0]?.service).toBeUndefined();
    expect(result.destinations[0]?.warnings.join(' ')).toMatch(/no Service can be named shop\/WEB/);
    expect(result.effects?.mirrors).toEqual([]);
    expect(result.effects?.words.join(' ')).toMatch(
      /would mirror to shop\/Web, but no Service can be named so/,
    );
  });

  it('a route with a backendRef filter istiod refuses is not served, and the trace says why', () => {
    const refused = meshOf(
      gatewayApiGateway(listener('http', 80, 'HTTP')),
      service('web', 'shop', 8080),
      route(
        'mirrored',
        `  rules:
    - backendRefs:
        - {name: web, port: 8080, filters: [{type: RequestMirror, requestMirror: {backendRef: {name: web, port: 8080}}}]}`,
      ),
    );
    const result = traceRequest(refused, through({ port: 80, authority: 'a.b' }));
    expect(result.outcome.kind).toBe('not-found');
    expect(result.problems.join(' ')).toMatch(
      /HTTPRoute shop\/mirrored is attached here but not served: istiod applies only header modifiers on a backendRef, not RequestMirror \(InvalidFilter\) at spec.rules\[0\].backendRefs\[0\].filters\[0\], and istiod builds none of its rules \(GWAPI_BACKEND_FILTER_UNSUPPORTED\)/,
    );
  });

  it.each([
    [
      'a Service backendRef named with a dot',
      '- backendRefs: [{name: web, port: 8080, weight: 9}, {name: web.shop, port: 8080, weight: 1}]',
      /a Service backendRef names the Service, not a host: web.shop has a dot \(InvalidDestination\) at spec.rules\[0\].backendRefs\[1\].name.*GWAPI_BACKEND_NAME_IS_HOSTNAME/,
    ],
    [
      'a backendRef without a port',
      '- backendRefs: [{name: web, port: 8080, weight: 9}, {name: web, weight: 1}]',
      /a Service backendRef needs a port and web has none \(InvalidDestination\) at spec.rules\[0\].backendRefs\[1\].port.*GWAPI_BACKEND_PORT_MISSING/,
    ],
    [
      'an ExtensionRef in the rule’s filters',
      '- filters: [{type: ExtensionRef, extensionRef: {group: x.io, kind: P, name: p}}]\n      backendRefs: [{name: web, port: 8080}]',
      /istiod applies no ExtensionRef filter in HTTPRoute rules \(InvalidFilter\) at spec.rules\[0\].filters\[0\].*GWAPI_RULE_FILTER_UNSUPPORTED/,
    ],
  ])(
    'a route with %s is not served (istiod refuses it whole), and the trace says why',
    (_what, rule, why) => {
      const rules = (first: string) => `  rules:
    ${first}
    - matches: [{path: {type: PathPrefix, value: /other}}]
      backendRefs: [{name: web, port: 8080}]`;
      const refused = meshOf(
        gatewayApiGateway(listener('http', 80, 'HTTP')),
        service('web', 'shop', 8080),
        route('refused', rules(rule)),
      );
      for (const path of ['/', '/other']) {
        const result = traceRequest(refused, through({ port: 80, authority: 'a.b', path }));
        expect(result.outcome.kind).toBe('not-found');
        expect(result.problems.join(' ')).toMatch(why);
      }
      const served = meshOf(
        gatewayApiGateway(listener('http', 80, 'HTTP')),
        service('web', 'shop', 8080),
        route('refused', rules('- backendRefs: [{name: web, port: 8080}]')),
      );
      expect(traceRequest(served, through({ port: 80, authority: 'a.b', path: '/other' })).outcome.kind).toBe(
        'routed',
      );
    },
  );

  it('an HTTPS listener is chosen by SNI; a name none offers fails the handshake', () => {
    const tls = meshOf(
      gatewayApiGateway(
        [
          listener('a', 443, 'HTTPS', ', hostname: a.example.com, tls: {certificateRefs: [{name: a}]}'),
          listener('b', 443, 'HTTPS', ', hostname: b.example.com, tls: {certificateRefs: [{name: b}]}'),
        ].join('\n'),
      ),
      service('b', 'shop', 8080),
      route(
        'b',
        '  parentRefs: [{name: edge, namespace: infra, sectionName: b}]\n  rules:\n    - backendRefs: [{name: b, port: 8080}]',
      ),
    );
    const ok = traceRequest(tls, through({ port: 443, authority: 'b.example.com' }));
    expect(ok.gatewayApi?.listener?.name).toBe('b');
    expect(ok.destinations[0]?.fqdn).toBe('b.shop.svc.cluster.local');
    expect(traceRequest(tls, through({ port: 443, authority: 'c.example.com' })).outcome.kind).toBe('closed');
    // a.example.com is served by listener a, which no route is attached to.
    expect(traceRequest(tls, through({ port: 443, authority: 'a.example.com' })).outcome.kind).toBe(
      'not-found',
    );
  });
});

describe('GAMMA: a request inside the mesh to a Service with routes bound to it', () => {
  const gamma = (
    name: string,
    namespace: string,
    backend: string,
  ) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  parentRefs: [{group: "", kind: Service, name: reviews, namespace: shop, port: 9080}]
  rules:
    - matches: [{path: {type: PathPrefix, value: /}}]
      backendRefs: [{name: ${backend}, namespace: shop, port: 9080, weight: 80}, {name: reviews-v2, namespace: shop, port: 9080, weight: 20}]`;
  const snapshot = meshOf(
    service('reviews', 'shop', 9080),
    service('reviews-v1', 'shop', 9080),
    service('reviews-v2', 'shop', 9080),
    gamma('producer', 'shop', 'reviews-v1'),
    gamma('consumer', 'web', 'reviews-v2'),
  );
  const from = (namespace: string, port = 9080): TraceInput => ({
    entry: { kind: 'mesh', namespace },
    request: { port, authority: 'reviews.shop', path: '/r' },
  });

  it('producer routes answer every caller', () => {
    const result = traceRequest(snapshot, from('shop'));
    expect(result.gatewayApi?.service).toEqual({ kind: 'Service', namespace: 'shop', name: 'reviews' });
    expect(result.gatewayApi?.matched?.route.name).toBe('producer');
    expect(result.destinations.map((d) => [d.fqdn, d.share])).toEqual([
      ['reviews-v1.shop.svc.cluster.local', 0.8],
      ['reviews-v2.shop.svc.cluster.local', 0.2],
    ]);
  });

  it("a consumer route takes over for its own namespace's callers", () => {
    expect(traceRequest(snapshot, from('web')).gatewayApi?.matched?.route.name).toBe('consumer');
    expect(traceRequest(snapshot, from('other')).gatewayApi?.matched?.route.name).toBe('producer');
  });

  it('a parentRef with a port binds that port only: another port is routed as before', () => {
    const result = traceRequest(snapshot, from('shop', 8080));
    expect(result.gatewayApi).toBeUndefined();
  });
});

describe('the Gateway API corpus through the tracer', () => {
  const { folder, present } = gatewayApiCorpus(path.resolve(__dirname, '../../..'));
  // The examples name no namespace (kubectl applies them to the current one): put them in default.
  const read = (...files: string[]) =>
    files.map((f) =>
      readFileSync(path.join(folder, f), 'utf8').replace(
        /^metadata:\n/gm,
        'metadata:\n  namespace: default\n',
      ),
    );

  it.skipIf(!present)(
    'http-routing: foo.example.com/login and bar.example.com with and without env: canary',
    () => {
      const snapshot = meshOf(
        ...read(
          'http-routing-gateway.yaml',
          'http-routing-foo-httproute.yaml',
          'http-routing-bar-httproute.yaml',
        ),
      );
      const entry = { kind: 'kubernetes-gateway' as const, namespace: 'default', name: 'example-gateway' };
      const go = (authority: string, p: string, headers?: Record<string, string>) =>
        traceRequest(snapshot, {
          entry,
          request: { port: 80, authority, path: p, ...(headers && { headers }) },
        });
      expect(go('foo.example.com', '/login/x').destinations.map((d) => d.fqdn)).toEqual([
        'foo-svc.default.svc.cluster.local',
      ]);
      expect(go('foo.example.com', '/home').outcome.kind).toBe('not-found');
      expect(go('bar.example.com', '/', { env: 'canary' }).destinations.map((d) => d.fqdn)).toEqual([
        'bar-svc-canary.default.svc.cluster.local',
      ]);
      expect(go('bar.example.com', '/').destinations.map((d) => d.fqdn)).toEqual([
        'bar-svc.default.svc.cluster.local',
      ]);
    },
  );

  it.skipIf(!present)('grpc-routing: the exact service and method over TLS on 50051', () => {
    const snapshot = meshOf(...read('grpc-routing-gateway.yaml', 'grpc-routing-foo-grpcroute.yaml'));
    const entry = { kind: 'kubernetes-gateway' as const, namespace: 'default', name: 'example-gateway' };
    const hit = traceRequest(snapshot, {
      entry,
      request: { port: 50051, method: 'POST', authority: 'foo.example.com', path: '/com.example/Login' },
    });
    expect(hit.gatewayApi?.matched?.route).toEqual({
      kind: 'GRPCRoute',
      namespace: 'default',
      name: 'foo-route',
    });
    expect(hit.destinations[0]?.cluster).toBe('outbound|50051||foo-svc.default.svc.cluster.local');
    const miss = traceRequest(snapshot, {
      entry,
      request: { port: 50051, method: 'POST', authority: 'foo.example.com', path: '/com.example/Logout' },
    });
    expect(miss.outcome.kind).toBe('not-found');
    expect(miss.steps.some((s) => s.text.includes('gRPC method "Logout" is not "Login"'))).toBe(true);
  });
});
