import { describe, expect, it } from 'vitest';
import { destinationKey, destinationKeys, parseDestinationKey, placeOf } from './destination-key';

describe('destinationKey', () => {
  it('is host|subset|port with absent parts empty, and reads back', () => {
    const places = [
      { host: 'reviews', subset: 'v2' },
      { host: 'reviews.shop.svc.cluster.local', port: 9080 },
      { host: 'api.example.com' },
      { host: 'ratings', subset: 'v1', port: 80 },
    ];
    expect(places.map(destinationKey)).toEqual([
      'reviews|v2|',
      'reviews.shop.svc.cluster.local||9080',
      'api.example.com||',
      'ratings|v1|80',
    ]);
    for (const place of places) expect(parseDestinationKey(destinationKey(place))).toEqual(place);
  });

  it('keys a route’s destinations as written, in route order', () => {
    const route = [
      { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
      { destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } }, weight: 10 },
    ];
    expect(destinationKeys(route)).toEqual(['reviews|v1|', 'reviews|v2|9080']);
    expect(placeOf(route[1]?.destination ?? { host: '' })).toEqual({
      host: 'reviews',
      subset: 'v2',
      port: 9080,
    });
  });
});
