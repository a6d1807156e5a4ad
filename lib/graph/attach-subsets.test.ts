import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../mesh/types';
import { attachSubsets } from './attach-subsets';
import { collectRoutes } from './collect-routes';
import { collectServices } from './collect-services';
import { collectVirtualServices } from './collect-virtual-services';
import { indexSnapshot } from './index-snapshot';
import { resolveDestinations } from './resolve-destinations';
import { destinationRule, shopSnapshot, versions } from './test-fixtures';

function subsetsOf(extra: StoredObject[] = []) {
  const index = indexSnapshot(shopSnapshot(extra));
  const { destinations } = resolveDestinations(collectRoutes(collectVirtualServices(index)).routes, index);
  return attachSubsets(index, [...destinations, ...collectServices(index, destinations)]);
}

describe('attachSubsets', () => {
  it('draws each subset with its labels, linked from the destinations that name it', () => {
    const { subsets, edges } = subsetsOf();
    expect(subsets.find((site) => site.id === 'subset:shop/reviews/v2')?.node).toEqual({
      id: 'subset:shop/reviews/v2',
      kind: 'subset',
      namespace: 'shop',
      label: 'v2',
      details: ['version=v2'],
      ref: { kind: 'DestinationRule', namespace: 'shop', name: 'reviews' },
      path: 'spec.subsets[1]',
      problems: [],
    });
    expect(edges.map((edge) => [edge.source, edge.target])).toContainEqual([
      'dest:reviews.shop.svc.cluster.local|v2|',
      'subset:shop/reviews/v2',
    ]);
  });

  it('resolves the rule host in its own namespace (ratings.shop.svc.cluster.local and short names alike)', () => {
    const { edges } = subsetsOf();
    expect(
      edges.filter((edge) => edge.target.startsWith('subset:shop/ratings/')).map((edge) => edge.source),
    ).toEqual(['dest:ratings.shop.svc.cluster.local|v1|', 'dest:ratings.shop.svc.cluster.local|v2|']);
  });

  it('draws a subset no route names alone, still knowing its host for workloads', () => {
    const { subsets, edges } = subsetsOf();
    expect(edges.some((edge) => edge.target === 'subset:shop/reviews/v3')).toBe(false);
    expect(subsets.find((site) => site.id === 'subset:shop/reviews/v3')?.hosts).toEqual([
      'reviews.shop.svc.cluster.local',
    ]);
  });

  it('links subsets of a Service without VirtualService from its plain destination', () => {
    const details = destinationRule('shop', 'details', { host: 'details', subsets: versions('v1') });
    const { edges } = subsetsOf([details]);
    expect(edges.map((edge) => [edge.source, edge.target])).toContainEqual([
      'dest:details.shop.svc.cluster.local||',
      'subset:shop/details/v1',
    ]);
  });

  it('applies rules from any namespace', () => {
    const remote = destinationRule('payments', 'shop-reviews', {
      host: 'reviews.shop.svc.cluster.local',
      subsets: versions('v1'),
    });
    const { edges } = subsetsOf([remote]);
    expect(edges.map((edge) => edge.target)).toContain('subset:payments/shop-reviews/v1');
  });

  it('gives a rule whose host has no destination a destination node of its own', () => {
    const external = destinationRule('shop', 'stripe', {
      host: 'api.stripe.com',
      trafficPolicy: { tls: { mode: 'SIMPLE' } },
    });
    const { destinations } = subsetsOf([external]);
    expect(destinations.map((site) => site.node)).toEqual([
      {
        id: 'dest:api.stripe.com||',
        kind: 'destination',
        namespace: 'shop',
        label: 'api.stripe.com',
        details: ['api.stripe.com', 'DestinationRule shop/stripe'],
        ref: { kind: 'DestinationRule', namespace: 'shop', name: 'stripe' },
        problems: [],
      },
    ]);
  });

  it('skips subsets without a name and keeps the first of a name defined twice', () => {
    const odd = destinationRule('shop', 'odd', {
      host: 'details',
      subsets: [
        { labels: { version: 'v1' } },
        { name: 'v1' },
        { name: 'v1', labels: { version: 'x' } },
        'junk',
      ],
    } as never);
    const { subsets } = subsetsOf([odd]);
    expect(subsets.filter((site) => site.rule.metadata.name === 'odd').map((site) => site.node.path)).toEqual(
      ['spec.subsets[1]'],
    );
  });
});

describe('attachSubsets with wildcard rules', () => {
  it('links a wildcard rule to the hosts that have no rule of their own', () => {
    const wildcard = destinationRule('shop', 'all-shop', {
      host: '*.shop.svc.cluster.local',
      subsets: versions('v1'),
    });
    const { edges } = subsetsOf([wildcard]);
    // reviews and ratings have rules of their own; productpage and details do not.
    expect(
      edges.filter((edge) => edge.target === 'subset:shop/all-shop/v1').map((edge) => edge.source),
    ).toEqual(['dest:productpage.shop.svc.cluster.local||9080', 'dest:details.shop.svc.cluster.local||']);
  });
});
