import { describe, expect, it } from 'vitest';
import type { MeshSnapshot, StoredObject } from '../mesh/types';
import { buildGraph } from './build-graph';
import { gateway, invalid, shopObjects, shopSnapshot, snapshotOf, virtualService } from './test-fixtures';
import type { MeshGraph } from './types';

function expectConnected(graph: MeshGraph) {
  const ids = new Set(graph.nodes.map((node) => node.id));
  expect(ids.size).toBe(graph.nodes.length);
  expect(new Set(graph.edges.map((edge) => edge.id)).size).toBe(graph.edges.length);
  for (const edge of graph.edges) {
    expect(ids.has(edge.source), `${edge.id} source`).toBe(true);
    expect(ids.has(edge.target), `${edge.id} target`).toBe(true);
  }
}

const edgeEnds = (graph: MeshGraph, kind: string) =>
  graph.edges.filter((edge) => edge.kind === kind).map((edge) => `${edge.source} -> ${edge.target}`);

describe('buildGraph', () => {
  it('draws the shop from gateway to workloads', () => {
    const graph = buildGraph(shopSnapshot());
    expectConnected(graph);
    const count = (kind: string) => graph.nodes.filter((node) => node.kind === kind).length;
    expect([
      count('gateway'),
      count('virtualService'),
      count('route'),
      count('destination'),
      count('subset'),
      count('workload'),
    ]).toEqual([1, 3, 5, 6, 5, 7]);
    expect(edgeEnds(graph, 'binds')).toEqual(['gw:shop/shop-gateway -> vs:shop/productpage']);
    expect(
      graph.edges
        .filter((edge) => edge.kind === 'weight' && edge.source === 'route:shop/reviews/http/0')
        .map((edge) => edge.weight?.weight),
    ).toEqual([90, 10]);
  });

  it('follows one canary path from route to pods', () => {
    const graph = buildGraph(shopSnapshot());
    const next = (id: string) => graph.edges.filter((edge) => edge.source === id).map((edge) => edge.target);
    expect(next('route:shop/reviews/http/0')).toEqual([
      'dest:reviews.shop.svc.cluster.local|v1|',
      'dest:reviews.shop.svc.cluster.local|v2|',
    ]);
    expect(next('dest:reviews.shop.svc.cluster.local|v2|')).toEqual(['subset:shop/reviews/v2']);
    expect(next('subset:shop/reviews/v2')).toEqual(['workload:shop/app=reviews,version=v2']);
  });

  it('keeps the same ids whatever order the snapshot lists objects in', () => {
    const reversed = snapshotOf([...shopObjects()].reverse());
    expect(buildGraph(reversed)).toEqual(buildGraph(shopSnapshot()));
  });

  it('still draws a VirtualService bound to a gateway that does not exist', () => {
    const orphan = virtualService('shop', 'promo', {
      hosts: ['promo.shop.example'],
      gateways: ['no-such-gateway', 'istio-system/also-missing'],
      http: [{ route: [{ destination: { host: 'productpage' } }] }],
    });
    const graph = buildGraph(shopSnapshot([orphan]), [
      {
        code: 'VS_GATEWAY_NOT_FOUND',
        severity: 'error',
        ref: { kind: 'VirtualService', namespace: 'shop', name: 'promo' },
        path: 'spec.gateways[0]',
        message: 'Gateway "no-such-gateway" does not exist.',
      },
    ]);
    expectConnected(graph);
    const node = graph.nodes.find((candidate) => candidate.id === 'vs:shop/promo');
    expect(node?.problems.map((problem) => problem.code)).toEqual(['VS_GATEWAY_NOT_FOUND']);
    expect(graph.edges.some((edge) => edge.target === 'vs:shop/promo' && edge.kind === 'binds')).toBe(false);
    expect(graph.nodes.some((candidate) => candidate.id === 'route:shop/promo/http/0')).toBe(true);
  });

  it('draws delegation, tcp and tls routes, and mirrors', () => {
    const objects: StoredObject[] = [
      gateway('shop', 'tls-gateway', {
        servers: [{ port: { number: 443, protocol: 'TLS' }, hosts: ['*'], tls: { mode: 'PASSTHROUGH' } }],
      }),
      virtualService('shop', 'front', {
        hosts: ['shop.example'],
        gateways: ['shop-gateway', 'tls-gateway'],
        http: [{ match: [{ uri: { prefix: '/reviews' } }], delegate: { name: 'reviews-routes' } }],
        tls: [
          {
            match: [{ port: 443, sniHosts: ['shop.example'] }],
            route: [{ destination: { host: 'productpage', port: { number: 443 } } }],
          },
        ],
      }),
      virtualService('shop', 'reviews-routes', {
        http: [
          {
            route: [{ destination: { host: 'reviews', subset: 'v1' } }],
            mirrors: [{ destination: { host: 'reviews', subset: 'v3' }, percentage: { value: 25 } }],
          },
        ],
      }),
      virtualService('shop', 'mongo', {
        hosts: ['mongo'],
        tcp: [{ route: [{ destination: { host: 'mongo', port: { number: 27017 } } }] }],
      }),
    ];
    const graph = buildGraph(shopSnapshot(objects));
    expectConnected(graph);
    expect(edgeEnds(graph, 'binds').filter((edge) => edge.endsWith('vs:shop/front'))).toEqual([
      'gw:shop/shop-gateway -> vs:shop/front',
      'gw:shop/tls-gateway -> vs:shop/front',
    ]);
    expect(edgeEnds(graph, 'delegate')).toEqual(['route:shop/front/http/0 -> vs:shop/reviews-routes']);
    const mirror = graph.edges.find(
      (edge) => edge.kind === 'mirror' && edge.source === 'route:shop/reviews-routes/http/0',
    );
    expect(mirror).toMatchObject({ target: 'dest:reviews.shop.svc.cluster.local|v3|', mirrorPercent: 25 });
    expect(edgeEnds(graph, 'subset')).toContain(
      'dest:reviews.shop.svc.cluster.local|v3| -> subset:shop/reviews/v3',
    );
    expect(
      graph.edges.find((edge) => edge.id === 'weight:VirtualService/shop/front/tls/0/0')?.weight,
    ).toMatchObject({
      routeKind: 'tls',
      port: 443,
      weight: 100,
    });
    expect(graph.edges.find((edge) => edge.id === 'weight:VirtualService/shop/mongo/tcp/0/0')?.target).toBe(
      'dest:mongo.shop.svc.cluster.local||27017',
    );
  });

  it('draws unreadable objects with their reason', () => {
    const graph = buildGraph(
      shopSnapshot([invalid('VirtualService', 'shop', 'broken', 'spec.http: expected array')]),
    );
    const node = graph.nodes.find((candidate) => candidate.kind === 'invalid');
    expect(node).toMatchObject({
      id: 'invalid:VirtualService/shop/broken',
      details: ['VirtualService networking.istio.io/v1', 'spec.http: expected array'],
    });
    expect(node?.problems[0]?.severity).toBe('error');
  });

  it('filters by namespace and search', () => {
    const graph = buildGraph(shopSnapshot(), [], { namespaces: ['shop'], search: 'details' });
    expect(graph.nodes.map((node) => node.id)).toEqual([
      'dest:details.shop.svc.cluster.local||',
      'workload:shop/app=details',
    ]);
    expect(buildGraph(shopSnapshot(), [], { namespaces: ['elsewhere'] })).toEqual({ nodes: [], edges: [] });
  });

  it('draws an empty snapshot as an empty graph', () => {
    expect(buildGraph(snapshotOf([]))).toEqual({ nodes: [], edges: [] });
    expect(buildGraph({ objects: {} } as MeshSnapshot)).toEqual({ nodes: [], edges: [] });
  });
});
