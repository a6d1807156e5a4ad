import { describe, expect, it } from 'vitest';
import {
  brief,
  destinationRule,
  findingsOf,
  routeTo,
  service,
  versions,
  virtualService,
} from '../test-fixtures';
import { vsSubset } from './vs-subset';

describe('vs-subset', () => {
  it('accepts subsets defined by a DestinationRule for the host, however the host is written', () => {
    const objects = [
      service('shop', 'catalog'),
      versions('shop', 'catalog.shop.svc.cluster.local', 'v1', 'v2'),
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        http: [
          {
            route: [
              { destination: { host: 'catalog', subset: 'v1' }, weight: 90 },
              { destination: { host: 'catalog.shop', subset: 'v2' }, weight: 10 },
            ],
            mirror: { host: 'catalog', subset: 'v2' },
          },
        ],
      }),
    ];
    expect(findingsOf(vsSubset, objects)).toEqual([]);
  });

  it('reports a subset no DestinationRule defines, in routes and mirrors', () => {
    const objects = [
      service('shop', 'catalog'),
      service('shop', 'cart'),
      versions('shop', 'catalog', 'v1'),
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        http: [
          { ...routeTo('catalog', 'v1'), mirrors: [{ destination: { host: 'catalog', subset: 'v3' } }] },
        ],
      }),
      virtualService('shop', 'cart', { hosts: ['cart'], http: [routeTo('cart', 'v2')] }),
    ];
    const findings = findingsOf(vsSubset, objects);
    expect(brief(findings)).toEqual([
      'VS_SUBSET_NOT_FOUND VirtualService/shop/catalog spec.http[0].mirrors[0].destination.subset',
      'VS_SUBSET_NOT_FOUND VirtualService/shop/cart spec.http[0].route[0].destination.subset',
    ]);
    expect(findings[0]?.message).toContain('define v1');
    expect(findings[1]?.message).toContain('no DestinationRule');
  });

  it('reports a subset of a host no Service has: subsets come from DestinationRules', () => {
    const ghost = virtualService('shop', 'ghost', { hosts: ['ghost'], http: [routeTo('ghost', 'v1')] });
    expect(brief(findingsOf(vsSubset, [ghost]))).toEqual([
      'VS_SUBSET_NOT_FOUND VirtualService/shop/ghost spec.http[0].route[0].destination.subset',
    ]);
    const rule = destinationRule('shop', 'ghost', { host: 'ghost', subsets: [{ name: 'v2' }] });
    expect(brief(findingsOf(vsSubset, [rule, ghost]))).toEqual([
      'VS_SUBSET_NOT_FOUND VirtualService/shop/ghost spec.http[0].route[0].destination.subset',
    ]);
  });
});
