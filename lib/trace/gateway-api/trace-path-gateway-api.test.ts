import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../graph/build-graph';
import { validate } from '../../validate';
import { prefillFrom } from '../prefill';
import { meshOf, service } from '../test-mesh';
import { traceRequest } from '../trace';
import { tracePath } from '../trace-path';

const snapshot = meshOf(
  `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: shop}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]`,
  service('web', 'shop', 8080),
  service('web-v2', 'shop', 8080),
  service('other', 'shop', 8080),
  `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: edge}]
  hostnames: [shop.example.com]
  rules:
    - matches: [{path: {type: PathPrefix, value: /other}}]
      backendRefs: [{name: other, port: 8080}]
    - backendRefs: [{name: web, port: 8080, weight: 90}, {name: web-v2, port: 8080, weight: 10}]`,
);
const graph = buildGraph(snapshot, validate(snapshot));
const trace = (path: string, authority = 'shop.example.com') =>
  traceRequest(snapshot, {
    entry: { kind: 'kubernetes-gateway', namespace: 'shop', name: 'edge' },
    request: { port: 80, authority, path },
  });

describe('tracePath through Gateway API', () => {
  it('lights the Gateway, the route, the rule that matched and both weighted backends', () => {
    const path = tracePath(graph, trace('/cart'));
    expect([...path.nodes]).toEqual(
      expect.arrayContaining([
        'kgw:shop/edge',
        'gwroute:HTTPRoute/shop/web',
        'rule:HTTPRoute/shop/web/rules/1',
      ]),
    );
    expect(path.nodes.has('rule:HTTPRoute/shop/web/rules/0')).toBe(false);
    expect([...path.edges]).toEqual(
      expect.arrayContaining(['weight:HTTPRoute/shop/web/rules/1/0', 'weight:HTTPRoute/shop/web/rules/1/1']),
    );
    expect([...path.edges].some((id) => id.includes('rules/0/'))).toBe(false);
    // Every id lit is one the graph draws.
    const drawn = new Set(graph.nodes.map((n) => n.id));
    for (const id of path.nodes) expect(drawn.has(id)).toBe(true);
  });

  it('with no match, the Gateway and the routes that were tried', () => {
    const path = tracePath(graph, trace('/', 'nobody.example.com'));
    expect([...path.nodes]).toEqual(['kgw:shop/edge']);
  });
});

describe('Trace from here on Gateway API nodes', () => {
  it("a rule prefills its Gateway's listener, the route's hostname and the rule's path; the trace lands on that rule", () => {
    const node = graph.nodes.find((n) => n.id === 'rule:HTTPRoute/shop/web/rules/0');
    expect(node).toBeDefined();
    const input = prefillFrom(snapshot, node as NonNullable<typeof node>);
    expect(input).toEqual({
      entry: { kind: 'kubernetes-gateway', namespace: 'shop', name: 'edge' },
      request: { port: 80, authority: 'shop.example.com', path: '/other' },
    });
    expect(traceRequest(snapshot, input as NonNullable<typeof input>).gatewayApi?.matched).toMatchObject({
      route: { name: 'web' },
      ruleIndex: 0,
    });
  });
});
