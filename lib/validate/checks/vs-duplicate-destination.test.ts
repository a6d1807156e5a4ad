import { describe, expect, it } from 'vitest';
import { brief, findingsOf, service, virtualService } from '../test-fixtures';
import { vsDuplicateDestination } from './vs-duplicate-destination';

describe('vs-duplicate-destination', () => {
  it('accepts different subsets or ports of one host', () => {
    const objects = [
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        http: [
          {
            route: [
              { destination: { host: 'catalog', subset: 'v1' }, weight: 50 },
              { destination: { host: 'catalog', subset: 'v2' }, weight: 50 },
            ],
          },
          {
            route: [
              { destination: { host: 'catalog', port: { number: 80 } }, weight: 50 },
              { destination: { host: 'catalog', port: { number: 8080 } }, weight: 50 },
            ],
          },
        ],
      }),
    ];
    expect(findingsOf(vsDuplicateDestination, objects)).toEqual([]);
  });

  it('reports the same host and subset twice, even when written differently', () => {
    const objects = [
      service('shop', 'catalog'),
      virtualService('shop', 'catalog', {
        hosts: ['catalog'],
        http: [
          {
            route: [
              { destination: { host: 'catalog', subset: 'v1' }, weight: 50 },
              { destination: { host: 'catalog.shop.svc.cluster.local', subset: 'v1' }, weight: 50 },
            ],
          },
        ],
      }),
    ];
    expect(brief(findingsOf(vsDuplicateDestination, objects))).toEqual([
      'VS_DUPLICATE_DESTINATION VirtualService/shop/catalog spec.http[0].route[1].destination',
    ]);
  });
});
