import { describe, expect, it } from 'vitest';
import { orderMatches, pickHostname, type RankedMatch, rankedMatchesOf } from './precedence';

// Each row quotes the rule of the Gateway API spec (HTTPRouteRule / GRPCRouteRule "matching
// precedence") or of istiod's sortHTTPRoutes (pilot/pkg/config/kube/gateway/conversion.go and
// its TestSortHTTPRoutes) that decides it. `in` is written in the wrong order on purpose.

const http = (name: string, match: Record<string, unknown> | undefined, extra: Partial<RankedMatch> = {}) =>
  ({
    kind: 'HTTPRoute',
    namespace: 'shop',
    name,
    ruleIndex: 0,
    ...(match && { matchIndex: 0, match }),
    ...extra,
  }) as RankedMatch;
const grpc = (name: string, match: Record<string, unknown> | undefined, extra: Partial<RankedMatch> = {}) =>
  ({ ...http(name, match, extra), kind: 'GRPCRoute' }) as RankedMatch;
const path = (type: string, value: string) => ({ path: { type, value } });

const table: Array<{ rule: string; in: RankedMatch[]; out: string[] }> = [
  {
    rule: 'istiod: path matching exact > prefix > regex',
    in: [
      http('regex', path('RegularExpression', '/a.*')),
      http('prefix', path('PathPrefix', '/a')),
      http('exact', path('Exact', '/a')),
    ],
    out: ['exact', 'prefix', 'regex'],
  },
  {
    rule: 'spec 3: characters in a matching path (the longest PathPrefix first)',
    in: [
      http('short', path('PathPrefix', '/shop')),
      http('root', path('PathPrefix', '/')),
      http('long', path('PathPrefix', '/shop/cart')),
    ],
    out: ['long', 'short', 'root'],
  },
  {
    rule: 'PathPrefix: "When specified, a trailing `/` is ignored" (so /shop/ is as long as /shop)',
    in: [
      http('b-slash', path('PathPrefix', '/shop/'), { creationTimestamp: '2026-01-02T00:00:00Z' }),
      http('a-plain', path('PathPrefix', '/shop'), { creationTimestamp: '2026-01-01T00:00:00Z' }),
    ],
    out: ['a-plain', 'b-slash'],
  },
  {
    rule: 'the API server defaults a missing path to PathPrefix "/"; a regex still comes after it',
    in: [http('regex', path('RegularExpression', '/.*')), http('no-path', { method: 'GET' })],
    out: ['no-path', 'regex'],
  },
  {
    rule: 'spec 4: method match',
    in: [http('any', path('PathPrefix', '/a')), http('get', { ...path('PathPrefix', '/a'), method: 'GET' })],
    out: ['get', 'any'],
  },
  {
    rule: 'spec 4 before 5: a method match, then the largest number of header matches',
    in: [
      http('two-headers', {
        ...path('PathPrefix', '/a'),
        headers: [
          { name: 'x-a', value: '1' },
          { name: 'x-b', value: '1' },
        ],
      }),
      http('method', { ...path('PathPrefix', '/a'), method: 'POST' }),
      http('one-header', { ...path('PathPrefix', '/a'), headers: [{ name: 'x-a', value: '1' }] }),
    ],
    out: ['method', 'two-headers', 'one-header'],
  },
  {
    rule: 'spec 6: largest number of query param matches',
    in: [
      http('none', path('PathPrefix', '/a')),
      http('query', { ...path('PathPrefix', '/a'), queryParams: [{ name: 'v', value: '2' }] }),
    ],
    out: ['query', 'none'],
  },
  {
    rule: 'spec: headers before query params ("continuing on ties")',
    in: [
      http('query', { ...path('PathPrefix', '/a'), queryParams: [{ name: 'v', value: '2' }] }),
      http('header', { ...path('PathPrefix', '/a'), headers: [{ name: 'x', value: '2' }] }),
    ],
    out: ['header', 'query'],
  },
  {
    rule: 'spec: ties across Routes: "The oldest Route based on creation timestamp"',
    in: [
      http('a-new', path('PathPrefix', '/a'), { creationTimestamp: '2026-05-01T00:00:00Z' }),
      http('z-old', path('PathPrefix', '/a'), { creationTimestamp: '2025-05-01T00:00:00Z' }),
    ],
    out: ['z-old', 'a-new'],
  },
  {
    rule: 'spec: then "the Route appearing first in alphabetical order by {namespace}/{name}"',
    in: [
      http('b', path('PathPrefix', '/a'), { namespace: 'app' }),
      http('a', path('PathPrefix', '/a'), { namespace: 'web' }),
      http('a', path('PathPrefix', '/a'), { namespace: 'app' }),
    ],
    out: ['app/a', 'app/b', 'web/a'],
  },
  {
    rule: 'spec: within one route, "the FIRST matching rule (in list order)"',
    in: [
      http('r', path('PathPrefix', '/a'), { ruleIndex: 2 }),
      http('r', path('PathPrefix', '/a'), { ruleIndex: 0 }),
      http('r', path('PathPrefix', '/a'), { ruleIndex: 1 }),
    ],
    out: ['r#0', 'r#1', 'r#2'],
  },
  {
    rule: 'specificity beats age: a newer, longer path is tried before an older, shorter one',
    in: [
      http('old', path('PathPrefix', '/'), { creationTimestamp: '2020-01-01T00:00:00Z' }),
      http('new', path('PathPrefix', '/api'), { creationTimestamp: '2026-01-01T00:00:00Z' }),
    ],
    out: ['new', 'old'],
  },
  {
    rule: 'gRPC spec: service and method (exact) before a service alone, before a method alone',
    in: [
      grpc('method-only', { method: { method: 'Get' } }),
      grpc('service-only', { method: { service: 'shop.Cart' } }),
      grpc('both', { method: { service: 'shop.Cart', method: 'Get' } }),
    ],
    out: ['both', 'service-only', 'method-only'],
  },
  {
    rule: 'gRPC spec 5: largest number of header matches',
    in: [
      grpc('plain', { method: { service: 'shop.Cart' } }),
      grpc('header', { method: { service: 'shop.Cart' }, headers: [{ name: 'x', value: '1' }] }),
    ],
    out: ['header', 'plain'],
  },
  {
    rule: 'istiod: a rule without matches comes after every rule with one',
    in: [grpc('catch-all', undefined), grpc('header', { headers: [{ name: 'x', value: '1' }] })],
    out: ['header', 'catch-all'],
  },
];

const label = (m: RankedMatch, all: RankedMatch[]) => {
  if (all.some((o) => o.namespace !== m.namespace)) return `${m.namespace}/${m.name}`;
  const sameName = all.filter((o) => o.name === m.name);
  if (sameName.length > 1) return `${m.name}#${m.ruleIndex}`;
  return m.name;
};

describe('Gateway API match precedence', () => {
  it.each(table)('$rule', ({ in: input, out }) => {
    expect(orderMatches(input).map((m) => label(m, input))).toEqual(out);
  });

  it('reads every match of every rule; a rule without matches gives one entry', () => {
    const ranked = rankedMatchesOf({
      kind: 'HTTPRoute',
      metadata: { namespace: 'shop', name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { rules: [{ matches: [path('Exact', '/a'), path('PathPrefix', '/b')] }, {}] },
    });
    expect(ranked.map((m) => [m.ruleIndex, m.matchIndex])).toEqual([
      [0, 0],
      [0, 1],
      [1, undefined],
    ]);
    expect(ranked[0]?.creationTimestamp).toBe('2026-01-01T00:00:00Z');
  });
});

describe('hostname specificity (spec 1–2: characters in a matching non-wildcard, then any, hostname)', () => {
  const names = ['*', '*.example.com', '*.shop.example.com', 'cart.shop.example.com'];
  it.each([
    ['cart.shop.example.com', 'cart.shop.example.com'],
    ['web.shop.example.com', '*.shop.example.com'],
    ['a.b.example.com', '*.example.com'],
    ['example.com', '*'],
    ['CART.shop.example.com', 'cart.shop.example.com'],
  ])('%s is answered by %s', (host, want) => {
    expect(pickHostname(names, host)).toBe(want);
  });
  it('a wildcard does not cover its own suffix, and nothing covers an unrelated host', () => {
    expect(pickHostname(['*.example.com'], 'example.com')).toBeUndefined();
    expect(pickHostname(['a.example.com'], 'b.example.com')).toBeUndefined();
  });
});
