import { describe, expect, it } from 'vitest';
import {
  attachedListeners,
  backendShares,
  listenerAllows,
  parentTarget,
  refusedRoute,
  routeRefusals,
  sharedHostnames,
} from './gateway-api';

describe('backendShares: relative weights as whole percentages', () => {
  it.each([
    [
      [90, 10],
      [90, 10],
    ],
    [
      [9, 1],
      [90, 10],
    ],
    [
      [1, 1, 2],
      [25, 25, 50],
    ],
    [
      [undefined, undefined],
      [50, 50],
    ],
    [
      [1, 1, 1],
      [34, 33, 33],
    ],
    [
      [0, 5],
      [0, 100],
    ],
    [
      [0, 0],
      [0, 0],
    ],
  ])('%j → %j', (weights, shares) => {
    expect(backendShares(weights)).toEqual(shares);
  });
});

describe('sharedHostnames (the spec’s hostname intersection)', () => {
  it('takes every route hostname on a listener without one, and the listener’s for a route without', () => {
    expect(sharedHostnames(undefined, ['a.example.com'])).toEqual(['a.example.com']);
    expect(sharedHostnames('*.example.com', [])).toEqual(['*.example.com']);
    expect(sharedHostnames(undefined, [])).toEqual(['*']);
  });
  it('keeps the narrower of each pair that meets, and nothing from another domain', () => {
    expect(sharedHostnames('*.example.com', ['test.example.com', 'test.example.net'])).toEqual([
      'test.example.com',
    ]);
    expect(sharedHostnames('foo.example.com', ['*.example.com'])).toEqual(['foo.example.com']);
    expect(sharedHostnames('*.example.com', ['a.b.example.com'])).toEqual(['a.b.example.com']);
    expect(sharedHostnames('*.example.com', ['example.com'])).toEqual([]);
  });
});

describe('listenerAllows and attachedListeners', () => {
  const labels = (namespace: string): Record<string, string> =>
    namespace === 'store' ? { access: 'true' } : {};
  it('allows the Gateway’s own namespace by default, and the protocol’s route kinds', () => {
    const http = { name: 'http', port: 80, protocol: 'HTTP' };
    expect(listenerAllows(http, 'infra', 'HTTPRoute', 'infra', labels)).toBe(true);
    expect(listenerAllows(http, 'infra', 'GRPCRoute', 'infra', labels)).toBe(true);
    expect(listenerAllows(http, 'infra', 'HTTPRoute', 'store', labels)).toBe(false);
    expect(listenerAllows(http, 'infra', 'TCPRoute', 'infra', labels)).toBe(false);
  });
  it('follows All, Selector and explicit kinds', () => {
    const selector = {
      protocol: 'HTTP',
      allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { access: 'true' } } } },
    };
    expect(listenerAllows(selector, 'infra', 'HTTPRoute', 'store', labels)).toBe(true);
    expect(listenerAllows(selector, 'infra', 'HTTPRoute', 'other', labels)).toBe(false);
    const all = {
      protocol: 'HTTPS',
      allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] },
    };
    expect(listenerAllows(all, 'infra', 'GRPCRoute', 'other', labels)).toBe(true);
    expect(listenerAllows(all, 'infra', 'HTTPRoute', 'other', labels)).toBe(false);
  });
  it('attaches through sectionName and port, where hostnames meet', () => {
    const listeners = [
      { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' },
      { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'foo.example.com' },
    ];
    const route = { kind: 'HTTPRoute', namespace: 'infra', hostnames: ['foo.example.com'] };
    const names = (parent: Record<string, unknown>) =>
      attachedListeners(listeners, parentTarget(parent, 'infra'), route, labels).map((l) => l.name);
    expect(names({ name: 'gw' })).toEqual(['http', 'https']);
    expect(names({ name: 'gw', sectionName: 'https' })).toEqual(['https']);
    expect(names({ name: 'gw', port: 80 })).toEqual(['http']);
    expect(names({ name: 'gw', sectionName: 'missing' })).toEqual([]);
    expect(
      attachedListeners(
        listeners,
        parentTarget({ name: 'gw' }, 'infra'),
        { ...route, hostnames: ['bar.example.net'] },
        labels,
      ),
    ).toEqual([]);
  });
  it('fills in the parentRef’s defaults', () => {
    expect(parentTarget({ name: 'gw' }, 'shop')).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'shop',
      name: 'gw',
    });
  });
});

describe('routeRefusals: what istiod refuses a whole route for (conversion.go)', () => {
  const route = (kind: string, rules: unknown[], parentRefs: unknown[] = [{ name: 'edge' }]) => ({
    kind,
    metadata: { namespace: 'shop' },
    spec: { parentRefs, rules },
  });
  const codes = (r: ReturnType<typeof route>, permitted?: Parameters<typeof routeRefusals>[1]) =>
    routeRefusals(r, permitted).map((x) => `${x.code} ${x.path}`);
  const web = { name: 'web', port: 80 };
  const ext = { type: 'ExtensionRef', extensionRef: { group: 'x.io', kind: 'P', name: 'p' } };

  it('finds each reason at its place, in istiod’s order: rule filters, then each backend of weight above 0', () => {
    const r = route('HTTPRoute', [
      { backendRefs: [web] },
      {
        filters: [{ type: 'URLRewrite' }, ext],
        backendRefs: [
          { name: 'web.shop', port: 80 },
          { name: 'web' },
          { ...web, filters: [{ type: 'RequestMirror' }] },
          { name: 'a.b', weight: 0, filters: [ext] },
        ],
      },
    ]);
    expect(codes(r)).toEqual([
      'GWAPI_RULE_FILTER_UNSUPPORTED spec.rules[1].filters[1]',
      'GWAPI_BACKEND_NAME_IS_HOSTNAME spec.rules[1].backendRefs[0].name',
      'GWAPI_BACKEND_PORT_MISSING spec.rules[1].backendRefs[1].port',
      'GWAPI_BACKEND_FILTER_UNSUPPORTED spec.rules[1].backendRefs[2].filters[0]',
    ]);
    expect(refusedRoute(r)).toMatchObject({ rule: 1, filterType: 'ExtensionRef' });
    expect(refusedRoute(route('HTTPRoute', [{ backendRefs: [web] }]))).toBeUndefined();
    expect(refusedRoute(route('TCPRoute', [{ backendRefs: [{ name: 'a.b' }] }]))).toBeUndefined();
  });

  it('takes the rule filters of each kind as istiod does: a GRPCRoute applies fewer', () => {
    const filters = ['RequestHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'CORS'].map(
      (type) => ({ type }),
    );
    expect(codes(route('HTTPRoute', [{ filters, backendRefs: [web] }]))).toEqual([]);
    expect(codes(route('GRPCRoute', [{ filters, backendRefs: [web] }]))).toEqual([
      'GWAPI_RULE_FILTER_UNSUPPORTED spec.rules[0].filters[2]',
      'GWAPI_RULE_FILTER_UNSUPPORTED spec.rules[0].filters[3]',
      'GWAPI_RULE_FILTER_UNSUPPORTED spec.rules[0].filters[4]',
    ]);
  });

  it('asks a port of the kinds istiod resolves, a Service name without a dot, and nothing of other kinds', () => {
    const backends = [
      { group: 'networking.istio.io', kind: 'Hostname', name: 'api.example.com' },
      { group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'web' },
      { group: 'example.com', kind: 'Bucket', name: 'b.c' },
    ];
    expect(codes(route('HTTPRoute', [{ backendRefs: backends }]))).toEqual([
      'GWAPI_BACKEND_PORT_MISSING spec.rules[0].backendRefs[0].port',
      'GWAPI_BACKEND_PORT_MISSING spec.rules[0].backendRefs[1].port',
    ]);
  });

  it('leaves a backend in another namespace to its ReferenceGrant when one is asked (at a Gateway)', () => {
    const r = route('HTTPRoute', [{ backendRefs: [{ name: 'web.misc', namespace: 'misc', port: 80 }] }]);
    expect(codes(r, () => false)).toEqual([]);
    expect(codes(r, () => true)).toEqual([
      'GWAPI_BACKEND_NAME_IS_HOSTNAME spec.rules[0].backendRefs[0].name',
    ]);
    expect(codes(r)).toEqual(['GWAPI_BACKEND_NAME_IS_HOSTNAME spec.rules[0].backendRefs[0].name']);
    const same = route('HTTPRoute', [{ backendRefs: [{ name: 'web.shop', port: 80 }] }]);
    expect(codes(same, () => false)).toEqual([
      'GWAPI_BACKEND_NAME_IS_HOSTNAME spec.rules[0].backendRefs[0].name',
    ]);
  });
});
