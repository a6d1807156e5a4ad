import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify, parse as yamlParse } from 'yaml';
import { InvalidError } from '../errors';
import type { GwGRPCRoute, GwHTTPRoute, HTTPRouteRule } from '../gateway-api-types';
import { parseObject, toManifest } from '../parse';
import { applyChange, describeChange, invertChange, meshChangeSchema, rebaseChange } from './kinds';
import type { SetRule } from './set-rule';

function route(rule: HTTPRouteRule = { backendRefs: [{ name: 'cart', port: 8080 }] }): GwHTTPRoute {
  return {
    kind: 'HTTPRoute',
    apiVersion: 'gateway.networking.k8s.io/v1',
    metadata: { name: 'cart', namespace: 'shop', resourceVersion: '1' },
    spec: {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['shop.example.com'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/cart' } }], ...rule },
        { backendRefs: [{ name: 'web', port: 80 }] },
      ],
    },
  };
}

const setRule = (rule: unknown, routeIndex = 0): SetRule => ({
  kind: 'SetRule',
  target: { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' },
  routeKind: 'rules',
  routeIndex,
  rule: rule as SetRule['rule'],
});

const canary: HTTPRouteRule = {
  matches: [
    {
      path: { type: 'PathPrefix', value: '/cart' },
      headers: [{ name: 'x-canary', value: 'true' }],
    },
  ],
  filters: [
    { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } },
  ],
  backendRefs: [{ name: 'cart', port: 8080 }],
  timeouts: { request: '10s' },
};

describe('SetRule', () => {
  it('replaces one rule whole and shares every other part of the route', () => {
    const before = route();
    const after = applyChange(before, setRule(canary)) as GwHTTPRoute;
    expect(after.spec.rules?.[0]).toEqual(canary);
    expect(after.spec.rules?.[1]).toBe(before.spec.rules?.[1]);
    expect(after.spec.parentRefs).toBe(before.spec.parentRefs);
    expect(before.spec.rules?.[0]?.filters).toBeUndefined();
  });

  it('says what changed in the rule', () => {
    expect(describeChange(setRule(canary), route())).toBe(
      'cart: rules[0]: matches PathPrefix /cart → PathPrefix /cart, header x-canary=true, added filter rewrite prefix → /v2, added timeout 10s',
    );
  });

  it('undoes to the rule as it was', () => {
    const before = route();
    const after = applyChange(before, setRule(canary));
    const [undo] = invertChange(setRule(canary), before);
    expect(applyChange(after, undo as SetRule).spec).toEqual(before.spec);
  });

  it('rebases only onto the same rule', () => {
    const base = route();
    const elsewhere = { ...base, spec: { ...base.spec, hostnames: ['other.example.com'] } };
    expect(rebaseChange(setRule(canary), base, elsewhere)).toEqual(setRule(canary));
    const moved = applyChange(base, {
      kind: 'SetBackendWeights',
      target: setRule(canary).target,
      routeKind: 'rules',
      routeIndex: 0,
      weights: [100],
      total: 5,
    });
    expect(rebaseChange(setRule(canary), base, moved)).toBeUndefined();
  });

  it('refuses a rule that is not there, another kind, and fields that do not check out, naming the field', () => {
    expect(() => applyChange(route(), setRule(canary, 5))).toThrow(
      /^routeIndex: cart has no rules\[5\] \(it has 2 rules\)/,
    );
    expect(() =>
      applyChange(route(), {
        ...setRule(canary),
        target: { ...setRule(canary).target, kind: 'VirtualService' },
      }),
    ).toThrow(/SetRule applies to a HTTPRoute/);
    expect(() => applyChange(route(), setRule([]))).toThrow(/^rule: /);
    const bad = (rule: unknown, field: RegExp) => {
      try {
        applyChange(route(), setRule(rule));
        expect.fail(`accepted ${JSON.stringify(rule)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidError);
        expect((error as InvalidError).fields?.map((f) => f.path).join(' ')).toMatch(field);
      }
    };
    bad(
      { matches: [{ path: { type: 'Exact', value: 'cart' } }] },
      /spec\.rules\[0\]\.matches\[0\]\.path\.value/,
    );
    bad({ matches: [{ headers: [{ name: 'bad name', value: 'x' }] }] }, /matches\[0\]\.headers\[0\]\.name/);
    bad({ matches: [{ method: 'FETCH' }] }, /matches\[0\]\.method/);
    bad({ filters: [{ type: 'URLRewrite' }] }, /filters\[0\]\.urlRewrite/);
    bad({ timeouts: { request: '5 seconds' } }, /timeouts\.request/);
    bad({ backendRefs: [{ name: 'cart', port: 8080, weight: 2_000_000 }] }, /backendRefs\[0\]\.weight/);
    bad(
      {
        matches: [{ path: { type: 'Exact', value: '/x' } }],
        filters: [
          {
            type: 'URLRewrite',
            urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
          },
        ],
      },
      /filters\[0\]\.urlRewrite\.path\.type/,
    );
  });

  it('accepts weights above 100, as Gateway API weights are relative', () => {
    const after = applyChange(route(), setRule({ backendRefs: [{ name: 'cart', port: 8080, weight: 900 }] }));
    expect((after as GwHTTPRoute).spec.rules?.[0]?.backendRefs?.[0]?.weight).toBe(900);
  });

  it('edits a GRPCRoute rule by its service and method', () => {
    const grpc: GwGRPCRoute = {
      kind: 'GRPCRoute',
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: { name: 'cart', namespace: 'shop' },
      spec: { rules: [{ backendRefs: [{ name: 'cart', port: 9000 }] }] },
    };
    const change = {
      ...setRule({ matches: [{ method: { service: 'shop.Cart', method: 'Add' } }] }),
      target: { kind: 'GRPCRoute', namespace: 'shop', name: 'cart' },
    } as SetRule;
    expect((applyChange(grpc, change) as GwGRPCRoute).spec.rules?.[0]?.matches?.[0]?.method?.service).toBe(
      'shop.Cart',
    );
    expect(() =>
      applyChange(grpc, { ...change, rule: { matches: [{ method: { service: 'shop/Cart' } }] } }),
    ).toThrow(/rules\[0\]\.matches\[0\]\.method\.service/);
    expect(() => applyChange(grpc, { ...change, rule: { timeouts: { request: '1s' } } })).toThrow(
      /a GRPCRoute rule has no timeouts/,
    );
  });

  // Any rule the field checks accept is written as it was given: applied, turned into a
  // manifest, through YAML and read back, it is the same rule, and the others are untouched.
  it('round-trips any accepted rule through apply, manifest and YAML (property)', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
    const header = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/);
    const path = fc.stringMatching(/^\/([a-z0-9]{1,8}(\/[a-z0-9]{1,8}){0,2})?$/);
    const match = fc.record(
      {
        path: fc.record({ type: fc.constantFrom('Exact', 'PathPrefix'), value: path }),
        headers: fc.uniqueArray(fc.record({ name: header, value: fc.string({ maxLength: 20 }) }), {
          maxLength: 3,
          selector: (h) => h.name.toLowerCase(),
        }),
        queryParams: fc.uniqueArray(fc.record({ name: header, value: fc.string({ maxLength: 10 }) }), {
          maxLength: 2,
          selector: (h) => h.name,
        }),
        method: fc.constantFrom('GET', 'POST', 'DELETE'),
      },
      { requiredKeys: [] },
    );
    const rule = fc.record(
      {
        name,
        matches: fc.array(match, { maxLength: 3 }),
        filters: fc.constantFrom(
          [],
          [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: { set: [{ name: 'x-weir', value: '1' }], remove: ['x-old'] },
            },
          ],
          [
            {
              type: 'URLRewrite',
              urlRewrite: {
                hostname: 'cart.internal',
                path: { type: 'ReplaceFullPath', replaceFullPath: '/v2' },
              },
            },
          ],
          [
            {
              type: 'RequestMirror',
              requestMirror: { backendRef: { name: 'cart-shadow', port: 8080 }, percent: 10 },
            },
          ],
        ),
        backendRefs: fc.array(
          fc.record({
            name,
            port: fc.integer({ min: 1, max: 65535 }),
            weight: fc.integer({ min: 0, max: 1_000_000 }),
          }),
          { maxLength: 4 },
        ),
        timeouts: fc.constantFrom({ request: '10s' }, { request: '1m', backendRequest: '30s' }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(rule, (r) => {
        const before = route();
        const after = applyChange(before, setRule(r));
        const read = parseObject(yamlParse(stringify(toManifest(after))));
        expect(read?.kind).toBe('HTTPRoute');
        expect((read as GwHTTPRoute).spec.rules?.[0]).toEqual(r);
        expect((read as GwHTTPRoute).spec.rules?.[1]).toEqual(before.spec.rules?.[1]);
      }),
      { numRuns: 200 },
    );
  });

  it('arrives over HTTP as a typed record', () => {
    expect(meshChangeSchema.safeParse(setRule(canary)).success).toBe(true);
    expect(meshChangeSchema.safeParse({ ...setRule(canary), routeKind: 'http' }).success).toBe(false);
    expect(meshChangeSchema.safeParse({ ...setRule(canary), rule: 'x' }).success).toBe(false);
  });
});

describe('SetSpec on the Gateway API kinds (the YAML tab)', () => {
  it('replaces a route’s spec and refuses new field errors', () => {
    const before = route();
    const spec = { ...before.spec, hostnames: ['shop.example.com', '*.shop.example.com'] };
    const target = { kind: 'HTTPRoute' as const, namespace: 'shop', name: 'cart' };
    expect(applyChange(before, { kind: 'SetSpec', target, spec }).spec).toEqual(spec);
    expect(describeChange({ kind: 'SetSpec', target, spec }, before)).toBe(
      'cart: hostnames +*.shop.example.com',
    );
    expect(() =>
      applyChange(before, { kind: 'SetSpec', target, spec: { ...spec, hostnames: ['Shop.Example.com'] } }),
    ).toThrow(/hostnames\[0\]: "Shop.Example.com" is not a hostname/);
  });

  it('replaces a Gateway API Gateway’s spec', () => {
    const gateway = {
      kind: 'KubernetesGateway' as const,
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: { name: 'edge', namespace: 'shop' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    };
    const spec = {
      ...gateway.spec,
      listeners: [
        ...gateway.spec.listeners,
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: 'shop.example.com',
          tls: { certificateRefs: [{ name: 'shop-cert' }] },
        },
      ],
    };
    const change = {
      kind: 'SetSpec' as const,
      target: { kind: 'KubernetesGateway' as const, namespace: 'shop', name: 'edge' },
      spec,
    };
    expect(applyChange(gateway, change).spec).toEqual(spec);
    expect(describeChange(change, gateway)).toBe(
      'edge: new listener https 443/HTTPS shop.example.com (TLS Terminate shop-cert)',
    );
  });
});
