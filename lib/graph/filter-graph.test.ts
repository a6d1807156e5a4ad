import { describe, expect, it } from 'vitest';
import { buildGraph } from './build-graph';
import { filterGraph } from './filter-graph';
import { gateway, pod, service, shopObjects, snapshotOf, virtualService } from './test-fixtures';

// The shop plus a payments namespace that the shop calls, behind an ingress in istio-system.
const objects = [
  ...shopObjects(),
  gateway('istio-system', 'ingress', {
    servers: [{ port: { number: 80, protocol: 'HTTP' }, hosts: ['*/pay.example'] }],
  }),
  virtualService('payments', 'charge', {
    hosts: ['pay.example'],
    gateways: ['istio-system/ingress'],
    http: [{ route: [{ destination: { host: 'charge' } }] }],
  }),
  virtualService('shop', 'checkout', {
    hosts: ['checkout'],
    http: [{ route: [{ destination: { host: 'charge.payments' } }] }],
  }),
  service('payments', 'charge'),
  pod('payments', 'charge-1', { app: 'charge' }),
];
const graph = buildGraph(snapshotOf(objects));
const ids = (filtered: { nodes: { id: string }[] }) => filtered.nodes.map((node) => node.id).sort();

describe('filterGraph', () => {
  it('returns everything without a filter', () => {
    expect(filterGraph(graph, {})).toEqual(graph);
    expect(filterGraph(graph, { namespaces: [] })).toEqual(graph);
  });

  it('keeps a namespace and what leads into it and out of it', () => {
    expect(ids(filterGraph(graph, { namespaces: ['payments'] }))).toEqual([
      'dest:charge.payments.svc.cluster.local||',
      'gw:istio-system/ingress',
      'route:payments/charge/http/0',
      'route:shop/checkout/http/0',
      'vs:payments/charge',
      'vs:shop/checkout',
      'workload:payments/app=charge',
    ]);
  });

  it('does not pull in siblings: the other routes of a kept VirtualService stay out', () => {
    const shown = filterGraph(graph, { search: 'jason' });
    expect(ids(shown)).toEqual([
      'dest:ratings.shop.svc.cluster.local|v2|',
      'route:shop/ratings/http/0',
      'subset:shop/ratings/v2',
      'vs:shop/ratings',
      'workload:shop/app=ratings,version=v2',
    ]);
  });

  it('searches by host and by name, case-insensitively', () => {
    expect(ids(filterGraph(graph, { search: 'SHOP.EXAMPLE' }))).toContain('vs:shop/productpage');
    expect(ids(filterGraph(graph, { search: 'shop.example' }))).toContain('gw:shop/shop-gateway');
    const reviews = ids(filterGraph(graph, { search: 'reviews' }));
    expect(reviews).toContain('vs:shop/reviews');
    expect(reviews).toContain('workload:shop/app=reviews,version=v3');
    expect(reviews).not.toContain('vs:shop/productpage');
  });

  it('keeps only edges whose two ends are kept', () => {
    const shown = filterGraph(graph, { namespaces: ['payments'], search: 'charge' });
    const kept = new Set(shown.nodes.map((node) => node.id));
    expect(shown.edges.every((edge) => kept.has(edge.source) && kept.has(edge.target))).toBe(true);
    expect(shown.nodes.length).toBeGreaterThan(0);
  });
});
