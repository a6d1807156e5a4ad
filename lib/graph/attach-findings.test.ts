import { describe, expect, it } from 'vitest';
import type { Kind } from '../mesh/types';
import type { Finding } from '../validate/types';
import { attachFindings, isPrefix } from './attach-findings';
import { buildGraph } from './build-graph';
import { destinationRule, shopSnapshot } from './test-fixtures';
import type { MeshGraph } from './types';

function finding(kind: Kind, name: string, path: string, code = 'TEST', namespace = 'shop'): Finding {
  return { code, severity: 'warning', ref: { kind, namespace, name }, path, message: `${code} at ${path}` };
}

/** Ids of the nodes and edges that carry a problem with this code. */
function placesOf(graph: MeshGraph, code: string): string[] {
  return [...graph.nodes, ...graph.edges]
    .filter((item) => item.problems.some((p) => p.code === code))
    .map((item) => item.id);
}

describe('attachFindings', () => {
  const graph = buildGraph(shopSnapshot());
  const attach = (...findings: Finding[]) => attachFindings(graph, findings);

  it('puts a finding about a route destination on its weight edge', () => {
    const drawn = attach(
      finding('VirtualService', 'reviews', 'spec.http[0].route[1].destination.subset', 'VS_SUBSET_NOT_FOUND'),
    );
    expect(placesOf(drawn, 'VS_SUBSET_NOT_FOUND')).toEqual(['weight:VirtualService/shop/reviews/http/0/1']);
    expect(
      drawn.edges.find((edge) => edge.id === 'weight:VirtualService/shop/reviews/http/0/1')?.problems,
    ).toEqual([
      {
        severity: 'warning',
        code: 'VS_SUBSET_NOT_FOUND',
        message: 'VS_SUBSET_NOT_FOUND at spec.http[0].route[1].destination.subset',
      },
    ]);
  });

  it('puts a finding about a route as a whole on the route node', () => {
    expect(placesOf(attach(finding('VirtualService', 'ratings', 'spec.http[0].match[0]', 'M')), 'M')).toEqual(
      ['route:shop/ratings/http/0'],
    );
    expect(placesOf(attach(finding('VirtualService', 'reviews', 'spec.http[0].route', 'W')), 'W')).toEqual([
      'route:shop/reviews/http/0',
    ]);
  });

  it('puts other VirtualService findings on the VirtualService, or on the binds edge of the gateway they name', () => {
    expect(placesOf(attach(finding('VirtualService', 'reviews', 'spec.hosts[0]', 'H')), 'H')).toEqual([
      'vs:shop/reviews',
    ]);
    expect(placesOf(attach(finding('VirtualService', 'reviews', 'spec.gateways[1]', 'G')), 'G')).toEqual([
      'vs:shop/reviews',
    ]);
    expect(placesOf(attach(finding('VirtualService', 'productpage', 'spec.gateways[0]', 'B')), 'B')).toEqual([
      'binds:gw:shop/shop-gateway->vs:shop/productpage',
    ]);
  });

  it('puts a mirror finding on the mirror edge', () => {
    expect(
      placesOf(attach(finding('VirtualService', 'ratings', 'spec.http[1].mirror.subset', 'X')), 'X'),
    ).toEqual(['mirror:shop/ratings/http/1/mirror']);
  });

  it('puts a subset finding on the subset, and other DestinationRule findings on its host destinations', () => {
    const drawn = buildGraph(shopSnapshot(), [
      finding('DestinationRule', 'reviews', 'spec.subsets[1]', 'DR_SUBSET_NO_READY_PODS'),
      finding('DestinationRule', 'ratings', 'spec.trafficPolicy.tls', 'DR_TLS'),
    ]);
    expect(placesOf(drawn, 'DR_SUBSET_NO_READY_PODS')).toEqual(['subset:shop/reviews/v2']);
    expect(placesOf(drawn, 'DR_TLS')).toEqual([
      'dest:ratings.shop.svc.cluster.local|v2|',
      'dest:ratings.shop.svc.cluster.local|v1|',
    ]);
  });

  it('puts findings of a rule with no destination on the node drawn for it', () => {
    const stripe = destinationRule('shop', 'stripe', { host: 'api.stripe.com' });
    const drawn = buildGraph(shopSnapshot([stripe]), [
      finding('DestinationRule', 'stripe', 'spec.host', 'DR_HOST'),
    ]);
    expect(placesOf(drawn, 'DR_HOST')).toEqual(['dest:api.stripe.com||']);
  });

  it('puts Gateway, Namespace, Service and Pod findings where those objects are drawn', () => {
    const drawn = buildGraph(shopSnapshot(), [
      finding('Gateway', 'shop-gateway', 'spec.servers[1].tls', 'GW'),
      finding('Namespace', 'shop', 'metadata.labels', 'NS', ''),
      finding('Service', 'details', 'spec.ports[0].name', 'SVC'),
      finding('Pod', 'reviews-v2-7bf8c9648f-4hr7d', 'status', 'POD'),
    ]);
    expect(placesOf(drawn, 'GW')).toEqual(['gw:shop/shop-gateway']);
    expect(placesOf(drawn, 'NS')).toEqual(['vs:shop/productpage', 'vs:shop/ratings', 'vs:shop/reviews']);
    expect(placesOf(drawn, 'SVC')).toEqual(['dest:details.shop.svc.cluster.local||']);
    expect(placesOf(drawn, 'POD')).toEqual(['workload:shop/app=reviews,version=v2']);
  });

  it('draws a finding once however often it is reported, and leaves out what is not on the graph', () => {
    const twice = finding('VirtualService', 'reviews', 'spec.hosts[0]', 'H');
    const drawn = attach(twice, twice, finding('VirtualService', 'elsewhere', 'spec', 'GONE'));
    expect(drawn.nodes.find((node) => node.id === 'vs:shop/reviews')?.problems).toHaveLength(1);
    expect(placesOf(drawn, 'GONE')).toEqual([]);
  });

  it('leaves its input unchanged', () => {
    attach(finding('VirtualService', 'reviews', 'spec.hosts[0]', 'H'));
    expect(placesOf(graph, 'H')).toEqual([]);
  });
});

describe('isPrefix', () => {
  it('compares whole path segments', () => {
    expect(isPrefix('spec.http[1]', 'spec.http[1].route')).toBe(true);
    expect(isPrefix('spec.http[1]', 'spec.http[10]')).toBe(false);
    expect(isPrefix('', 'spec')).toBe(true);
    expect(isPrefix('spec.http[0].route[1]', 'spec.http[0].route[1]')).toBe(true);
  });
});
