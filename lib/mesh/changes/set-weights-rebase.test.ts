import { describe, expect, it } from 'vitest';
import type { HTTPRoute, VirtualService } from '../types';
import { applyChange, rebaseChange } from './kinds';
import type { SetWeights } from './set-weights';

const canary: HTTPRoute = {
  name: 'canary',
  match: [{ headers: { 'end-user': { exact: 'jason' } } }],
  route: [
    { destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } }, weight: 90 },
    { destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } }, weight: 10 },
  ],
};
const fallback: HTTPRoute = { route: [{ destination: { host: 'reviews', subset: 'v1' } }] };

const base: VirtualService = {
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '10' },
  spec: { hosts: ['reviews'], http: [canary, fallback] },
};

const change: SetWeights = {
  kind: 'SetWeights',
  target: { kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews' },
  routeKind: 'http',
  routeIndex: 0,
  weights: [75, 25],
};

/** `base` as someone else left it: a newer resourceVersion and their edit to the spec. */
function current(spec: Partial<VirtualService['spec']>): VirtualService {
  return { ...base, metadata: { ...base.metadata, resourceVersion: '11' }, spec: { ...base.spec, ...spec } };
}

const withCanary = (edit: Partial<HTTPRoute>) => current({ http: [{ ...canary, ...edit }, fallback] });
const destinations = canary.route ?? [];

describe('rebaseChange: SetWeights', () => {
  it('re-applies when only other things changed', () => {
    const now = current({ hosts: ['reviews', 'reviews.example.com'], http: [canary, fallback, fallback] });
    expect(rebaseChange(change, base, now)).toEqual(change);
    expect(() => applyChange(now, change)).not.toThrow();
  });

  it('re-applies when the API server reordered keys or a status changed', () => {
    const reordered = withCanary({
      route: destinations.map((d) => ({ weight: d.weight, destination: d.destination })),
    });
    expect(
      rebaseChange(change, base, { ...reordered, status: { observedGeneration: 4 } } as VirtualService),
    ).toEqual(change);
  });

  it('re-applies when the weights already are what the change sets', () => {
    const same = applyChange(base, change) as VirtualService;
    expect(rebaseChange(change, base, same)).toEqual(change);
  });

  it('treats an implicit weight as the weight Istio applies', () => {
    const implicit: SetWeights = { ...change, routeIndex: 1, weights: [100] };
    const explicit = current({
      http: [canary, { route: [{ ...fallback.route?.[0], weight: 100 } as never] }],
    });
    expect(rebaseChange(implicit, base, explicit)).toEqual(implicit);
  });

  it('gives up when someone else changed the same weights', () => {
    const stepped = withCanary({ route: destinations.map((d, i) => ({ ...d, weight: i === 0 ? 80 : 20 })) });
    expect(rebaseChange(change, base, stepped)).toBeUndefined();
  });

  it('gives up when the destinations differ', () => {
    const [v1, v2] = destinations as [
      NonNullable<HTTPRoute['route']>[number],
      NonNullable<HTTPRoute['route']>[number],
    ];
    expect(rebaseChange(change, base, withCanary({ route: [v2, v1] }))).toBeUndefined();
    expect(rebaseChange(change, base, withCanary({ route: [v1] }))).toBeUndefined();
    const v3 = { ...v2, destination: { ...v2.destination, subset: 'v3' } };
    expect(rebaseChange(change, base, withCanary({ route: [v1, v3] }))).toBeUndefined();
    const otherPort = { ...v2, destination: { ...v2.destination, port: { number: 9443 } } };
    expect(rebaseChange(change, base, withCanary({ route: [v1, otherPort] }))).toBeUndefined();
  });

  it('gives up when another route now stands at that index', () => {
    expect(rebaseChange(change, base, current({ http: [fallback, canary] }))).toBeUndefined();
    expect(rebaseChange(change, base, withCanary({ name: 'beta' }))).toBeUndefined();
    expect(rebaseChange(change, base, withCanary({ match: [{ uri: { prefix: '/beta' } }] }))).toBeUndefined();
    expect(rebaseChange(change, base, current({ http: [] }))).toBeUndefined();
  });

  it('gives up when the objects are not the same VirtualService', () => {
    expect(rebaseChange(change, base, { ...base, metadata: { name: 'ratings' } })).toBeUndefined();
    expect(
      rebaseChange(change, base, { ...base, kind: 'DestinationRule', spec: { host: 'reviews' } }),
    ).toBeUndefined();
  });
});
