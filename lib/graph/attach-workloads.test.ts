import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../mesh/types';
import { attachSubsets } from './attach-subsets';
import { attachWorkloads } from './attach-workloads';
import { collectRoutes } from './collect-routes';
import { collectServices } from './collect-services';
import { collectVirtualServices } from './collect-virtual-services';
import { indexSnapshot } from './index-snapshot';
import { resolveDestinations } from './resolve-destinations';
import { service, shopObjects, snapshotOf } from './test-fixtures';

function workloadsOf(objects: StoredObject[]) {
  const index = indexSnapshot(snapshotOf(objects));
  const { destinations } = resolveDestinations(collectRoutes(collectVirtualServices(index)).routes, index);
  const known = [...destinations, ...collectServices(index, destinations)];
  const subsets = attachSubsets(index, known);
  return attachWorkloads(index, [...known, ...subsets.destinations], subsets.subsets);
}

describe('attachWorkloads', () => {
  it('counts the ready pods behind each subset', () => {
    const { workloads, edges } = workloadsOf(shopObjects());
    const v2 = workloads.find((site) => site.id === 'workload:shop/app=reviews,version=v2');
    expect(v2?.node).toEqual({
      id: 'workload:shop/app=reviews,version=v2',
      kind: 'workload',
      namespace: 'shop',
      label: 'reviews v2',
      details: ['0/1 ready', '1 pod', 'app=reviews,version=v2'],
      problems: [],
    });
    expect(
      workloads.find((site) => site.id === 'workload:shop/app=reviews,version=v1')?.node.details[0],
    ).toBe('2/2 ready');
    expect(edges).toContainEqual({
      id: 'workload:subset:shop/reviews/v2->workload:shop/app=reviews,version=v2',
      source: 'subset:shop/reviews/v2',
      target: 'workload:shop/app=reviews,version=v2',
      kind: 'workload',
      problems: [],
    });
  });

  it('links a destination without subset straight to all pods of its Service', () => {
    const { edges } = workloadsOf(shopObjects());
    expect(edges.map((edge) => [edge.source, edge.target])).toContainEqual([
      'dest:details.shop.svc.cluster.local||',
      'workload:shop/app=details',
    ]);
  });

  it('draws a selector that picks no pod as such', () => {
    const { workloads } = workloadsOf([...shopObjects(), service('shop', 'search')]);
    expect(workloads.find((site) => site.id === 'workload:shop/app=search')?.node.details).toEqual([
      'no pods',
      'app=search',
    ]);
  });

  it('draws no workloads when the snapshot holds no pod at all', () => {
    const { workloads } = workloadsOf(shopObjects().filter((object) => object.kind !== 'Pod'));
    expect(workloads).toEqual([]);
  });

  it('draws none for a Service without selector', () => {
    const manual = service('shop', 'manual', 80, {});
    const { edges } = workloadsOf([...shopObjects(), manual]);
    expect(edges.some((edge) => edge.source === 'dest:manual.shop.svc.cluster.local||')).toBe(false);
  });
});
