import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOf } from '../mesh/object-key';
import type { StoredObject } from '../mesh/types';
import { SearchIndex } from './search-index';
import { destinationRule, gateway, namespace, pod, service, virtualService } from './test-fixtures';

const objects: StoredObject[] = [
  namespace('reviews-team'),
  virtualService('shop', 'storefront', { hosts: ['shop.example.com', 'reviews'], http: [] }),
  service('shop', 'reviews'),
  destinationRule('shop', 'reviews', { host: 'reviews.shop.svc.cluster.local' }),
  gateway('istio-system', 'public', {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop/api.example.com'] }],
  }),
  pod('shop', 'reviews-v1', { app: 'reviews' }),
];

function indexOf(list: StoredObject[]): SearchIndex {
  const index = new SearchIndex();
  for (const object of list) index.put(keyOf(object), object);
  return index;
}

describe('SearchIndex', () => {
  it('finds names and hosts, exact matches first, pods never', () => {
    const hits = indexOf(objects).search('Reviews');
    expect(hits.map((hit) => `${hit.kind} ${hit.namespace}/${hit.name} (${hit.matched})`)).toEqual([
      'VirtualService shop/storefront (reviews)',
      'Service shop/reviews (reviews)',
      'DestinationRule shop/reviews (reviews)',
      'Namespace reviews-team/reviews-team (reviews-team)',
    ]);
  });

  it('finds a Gateway by a server host without its namespace part, and forgets deleted objects', () => {
    const index = indexOf(objects);
    expect(index.search('api.example').map((hit) => hit.name)).toEqual(['public']);
    index.delete('Gateway/istio-system/public');
    expect(index.search('api.example')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });

  it('every hit holds the query in what it says matched', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6 }), (query) => {
        for (const hit of indexOf(objects).search(query))
          expect(hit.matched.toLowerCase()).toContain(query.trim().toLowerCase());
      }),
    );
  });
});
