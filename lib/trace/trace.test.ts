import { describe, expect, it } from 'vitest';
import type { TraceInput } from './request';
import { gateway, meshOf, service } from './test-mesh';
import { traceRequest } from './trace';

const viaGateway = (request: TraceInput['request']): TraceInput => ({
  entry: { kind: 'gateway', namespace: 'istio-system', name: 'ingress' },
  request,
});

const vs = (name: string, namespace: string, body: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${body}`;

const shop = meshOf(
  gateway(['shop.example.com', '*.example.org']),
  service('web', 'shop'),
  service('api', 'shop', 8080),
  vs(
    'shop',
    'shop',
    `  hosts: [shop.example.com]
  gateways: [istio-system/ingress]
  http:
    - name: beta
      match:
        - headers: {x-beta: {exact: "yes"}}
          uri: {prefix: /api}
        - queryParams: {beta: {exact: "1"}}
      route: [{destination: {host: api}}]
    - name: nocase
      match: [{uri: {exact: /Login}, ignoreUriCase: true}]
      rewrite: {uri: /signin, authority: auth.internal}
      route: [{destination: {host: web}}]
    - name: regex
      match: [{uri: {regex: "/items/[0-9]+"}}]
      route: [{destination: {host: web, subset: v1}, weight: 3}, {destination: {host: web, subset: v2}, weight: 1}]
    - name: no-mobile
      match: [{withoutHeaders: {user-agent: {prefix: Mobile}}, uri: {prefix: /m}}]
      directResponse: {status: 418}
    - name: other-port
      match: [{port: 8080}]
      route: [{destination: {host: api}}]
    - name: rest
      route: [{destination: {host: web}}]
    - name: unreachable
      route: [{destination: {host: api}}]`,
  ),
);

function matchedName(input: TraceInput, mesh = shop) {
  const result = traceRequest(mesh, input);
  return { result, name: result.matched?.envoyName };
}

describe('traceRequest through a gateway', () => {
  it('tries routes in order and the first match wins; within a block conditions AND, blocks OR', () => {
    const both = matchedName(
      viaGateway({ port: 80, authority: 'shop.example.com', path: '/api/x', headers: { 'x-beta': 'yes' } }),
    );
    expect(both.name).toBe('beta');
    expect(both.result.destinations[0]?.cluster).toBe('outbound|8080||api.shop.svc.cluster.local');
    const headerOnly = matchedName(
      viaGateway({ port: 80, authority: 'shop.example.com', path: '/x', headers: { 'x-beta': 'yes' } }),
    );
    expect(headerOnly.name).toBe('rest');
    expect(headerOnly.result.tried[0]?.conditions.map((c) => c.reason)).toContain(
      'uri "/x" does not start with "/api"',
    );
    const query = matchedName(viaGateway({ port: 80, authority: 'shop.example.com', path: '/x?beta=1' }));
    expect(query.name).toBe('beta');
  });

  it('says why each earlier route did not match, naming the missing header', () => {
    const { result } = matchedName(viaGateway({ port: 80, authority: 'shop.example.com', path: '/api' }));
    expect(result.tried[0]?.conditions.find((c) => !c.ok)?.reason).toBe('header x-beta absent');
  });

  it('folds case for ignoreUriCase and reports the rewritten path and authority', () => {
    const { result, name } = matchedName(
      viaGateway({ port: 80, authority: 'shop.example.com', path: '/LOGIN' }),
    );
    expect(name).toBe('nocase');
    expect(result.effects?.rewrite).toEqual({ path: '/signin', authority: 'auth.internal' });
  });

  it('matches regex with RE2 over the whole path and reads weights as shares', () => {
    const { result, name } = matchedName(
      viaGateway({ port: 80, authority: 'shop.example.com', path: '/items/42' }),
    );
    expect(name).toBe('regex');
    expect(result.destinations.map((d) => [d.subset, d.share])).toEqual([
      ['v1', 0.75],
      ['v2', 0.25],
    ]);
    expect(
      matchedName(viaGateway({ port: 80, authority: 'shop.example.com', path: '/items/42/x' })).name,
    ).toBe('rest');
  });

  it('withoutHeaders matches when the header is absent or different', () => {
    expect(
      matchedName(viaGateway({ port: 80, authority: 'shop.example.com', path: '/m' })).result.outcome,
    ).toEqual({
      kind: 'direct-response',
      status: 418,
    });
    const mobile = matchedName(
      viaGateway({
        port: 80,
        authority: 'shop.example.com',
        path: '/m',
        headers: { 'User-Agent': 'Mobile Safari' },
      }),
    );
    expect(mobile.name).toBe('rest');
  });

  it('leaves out blocks for another port and everything after a route without matches', () => {
    const { result } = matchedName(viaGateway({ port: 80, authority: 'shop.example.com', path: '/' }));
    expect(result.skipped.map((s) => s.why)).toEqual([
      "not sent to this listener: port 8080 is not this listener's 80",
      expect.stringContaining('never reached'),
    ]);
  });

  it('answers 404 for a host no VirtualService serves and refuses a port without a server', () => {
    expect(
      traceRequest(shop, viaGateway({ port: 80, authority: 'a.example.org', path: '/' })).outcome,
    ).toMatchObject({
      kind: 'not-found',
      status: 404,
    });
    expect(traceRequest(shop, viaGateway({ port: 81, authority: 'shop.example.com' })).outcome.kind).toBe(
      'no-listener',
    );
  });

  it('closes a TCP or TLS connection to a port that serves HTTP (istiod: protocol error)', () => {
    for (const protocol of ['tcp', 'tls'] as const) {
      const outcome = traceRequest(shop, viaGateway({ protocol, port: 80, sni: 'shop.example.com' })).outcome;
      expect(outcome).toMatchObject({ kind: 'closed' });
      expect('why' in outcome && outcome.why).toContain(
        'serves HTTP (Gateway istio-system/ingress, server 1)',
      );
    }
  });

  it('appends the routes of several VirtualServices for one host, catch-alls last, and honours ns/host on servers', () => {
    const mesh = meshOf(
      gateway(['team-a/*.example.com', 'team-b/b.example.com']),
      vs(
        'a-all',
        'team-a',
        "  hosts: ['*.example.com']\n  gateways: [istio-system/ingress]\n  http:\n    - name: a-all\n      route: [{destination: {host: a}}]",
      ),
      vs(
        'a-x',
        'team-a',
        '  hosts: [x.example.com]\n  gateways: [istio-system/ingress]\n  http:\n    - name: a-x\n      match: [{uri: {prefix: /x}}]\n      route: [{destination: {host: x}}]',
      ),
      vs(
        'b',
        'team-b',
        '  hosts: [b.example.com]\n  gateways: [istio-system/ingress]\n  http:\n    - name: b\n      route: [{destination: {host: b}}]',
      ),
      vs(
        'c',
        'team-c',
        '  hosts: [c.example.com]\n  gateways: [istio-system/ingress]\n  http:\n    - name: c\n      route: [{destination: {host: c}}]',
      ),
    );
    const x = traceRequest(mesh, viaGateway({ port: 80, authority: 'x.example.com', path: '/x/1' }));
    expect(x.virtualHost).toBe('x.example.com');
    expect(x.matched?.envoyName).toBe('a-x');
    const other = traceRequest(mesh, viaGateway({ port: 80, authority: 'y.example.com', path: '/x' }));
    expect(other.virtualHost).toBe('*.example.com');
    expect(other.matched?.envoyName).toBe('a-all');
    expect(traceRequest(mesh, viaGateway({ port: 80, authority: 'b.example.com' })).matched?.envoyName).toBe(
      'b',
    );
    // team-c is not admitted by any server host.
    expect(traceRequest(mesh, viaGateway({ port: 80, authority: 'c.example.com' })).matched?.envoyName).toBe(
      'a-all',
    );
  });

  it('merges a delegate under its root route', () => {
    const mesh = meshOf(
      gateway(['shop.example.com']),
      vs(
        'root',
        'shop',
        '  hosts: [shop.example.com]\n  gateways: [istio-system/ingress]\n  http:\n    - name: r\n      match: [{uri: {prefix: /api}}]\n      timeout: 5s\n      delegate: {name: api, namespace: api}',
      ),
      vs(
        'api',
        'api',
        '  http:\n    - name: v2\n      match: [{uri: {prefix: /api/v2}}]\n      route: [{destination: {host: api-v2}}]\n    - name: rest\n      route: [{destination: {host: api}}]',
      ),
    );
    const v2 = traceRequest(mesh, viaGateway({ port: 80, authority: 'shop.example.com', path: '/api/v2/x' }));
    expect(v2.matched?.envoyName).toBe('r-v2');
    expect(v2.matched?.at.delegate).toMatchObject({ vs: { namespace: 'api', name: 'api' }, routeIndex: 0 });
    expect(v2.effects?.timeout).toBe('5s');
    expect(v2.destinations[0]?.fqdn).toBe('api-v2.api.svc.cluster.local');
    const outside = traceRequest(mesh, viaGateway({ port: 80, authority: 'shop.example.com', path: '/web' }));
    expect(outside.outcome.kind).toBe('not-found');
  });

  it('reports a regex RE2 refuses and never matches it', () => {
    const mesh = meshOf(
      gateway(['shop.example.com']),
      vs(
        'bad',
        'shop',
        '  hosts: [shop.example.com]\n  gateways: [istio-system/ingress]\n  http:\n    - match: [{uri: {regex: "(a)\\\\1"}}]\n      route: [{destination: {host: a}}]',
      ),
    );
    const result = traceRequest(mesh, viaGateway({ port: 80, authority: 'shop.example.com', path: '/aa' }));
    expect(result.problems[0]).toMatch(/refused by RE2/);
    expect(result.outcome.kind).toBe('not-found');
  });
});

describe('traceRequest from inside the mesh', () => {
  const mesh = meshOf(
    service('reviews', 'shop', 9080),
    vs(
      'reviews',
      'shop',
      '  hosts: [reviews]\n  http:\n    - name: from-web\n      match: [{sourceLabels: {app: web}, sourceNamespace: shop}]\n      route: [{destination: {host: reviews, subset: v2}}]\n    - name: rest\n      route: [{destination: {host: reviews, subset: v1}}]',
    ),
    vs(
      'hidden',
      'other',
      '  hosts: [reviews.shop.svc.cluster.local]\n  exportTo: ["."]\n  http:\n    - name: hidden\n      route: [{destination: {host: x}}]',
    ),
  );
  const from = (namespace: string, labels?: Record<string, string>): TraceInput['entry'] => ({
    kind: 'mesh',
    namespace,
    ...(labels && { labels }),
  });

  it('matches sourceLabels and sourceNamespace against the sender', () => {
    expect(
      traceRequest(mesh, {
        entry: from('shop', { app: 'web' }),
        request: { port: 9080, authority: 'reviews' },
      }).matched?.envoyName,
    ).toBe('from-web');
    expect(
      traceRequest(mesh, {
        entry: from('shop', { app: 'cli' }),
        request: { port: 9080, authority: 'reviews' },
      }).matched?.envoyName,
    ).toBe('rest');
  });

  it("sees a VirtualService exported only to its own namespace there, and the namespace's own first", () => {
    const inOther = traceRequest(mesh, {
      entry: from('other'),
      request: { port: 9080, authority: 'reviews.shop' },
    });
    expect(inOther.matched?.envoyName).toBe('hidden');
    const inShop = traceRequest(mesh, { entry: from('shop'), request: { port: 9080, authority: 'reviews' } });
    expect(inShop.candidates.map((c) => c.vs.name)).toEqual(['reviews']);
  });

  it('falls back to the default route of a Service, and passes an unknown host through', () => {
    const plain = meshOf(service('ratings', 'shop', 9080));
    const known = traceRequest(plain, { entry: from('shop'), request: { port: 9080, authority: 'ratings' } });
    expect(known.destinations[0]?.cluster).toBe('outbound|9080||ratings.shop.svc.cluster.local');
    expect(
      traceRequest(plain, { entry: from('shop'), request: { port: 80, authority: 'example.com' } }).outcome
        .kind,
    ).toBe('passthrough');
  });

  it("says neither blocked nor passed through where the outbound policy is unknown; a namespace's Sidecar still decides", () => {
    const plain = meshOf(service('ratings', 'shop', 9080));
    const unknown = {
      ...plain,
      sync: {
        ...plain.sync,
        meshConfig: {
          namespace: 'istio-system',
          name: 'istio',
          unknown: 'Weir may not read istio-system/istio',
        },
      },
    };
    const toExample = { entry: from('shop'), request: { port: 80, authority: 'example.com' } };
    const result = traceRequest(unknown, toExample);
    expect(result.outcome).toEqual({
      kind: 'policy-unknown',
      why: expect.stringContaining('the outbound policy is unknown (Weir may not read istio-system/istio)'),
    });
    expect(result.steps.at(-1)?.ok).toBe(false);
    // Known policies still route as before, through the same entry.
    const sidecar = `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec: {outboundTrafficPolicy: {mode: REGISTRY_ONLY}}`;
    const withSidecar = meshOf(service('ratings', 'shop', 9080), sidecar);
    expect(traceRequest({ ...withSidecar, sync: unknown.sync }, toExample).outcome.kind).toBe('blackhole');
  });
});
