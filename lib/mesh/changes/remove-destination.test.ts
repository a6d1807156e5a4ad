import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../errors';
import type { VirtualService } from '../types';
import { applyChange, describeChange, rebaseChange } from './kinds';
import type { RemoveDestination } from './remove-destination';

const catalog: VirtualService = {
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'catalog', namespace: 'shop', resourceVersion: '3' },
  spec: {
    hosts: ['catalog'],
    http: [
      {
        name: 'canary',
        route: [
          { destination: { host: 'catalog', subset: 'v1' }, weight: 60 },
          { destination: { host: 'catalog', subset: 'v2' }, weight: 10 },
          {
            destination: { host: 'catalog', subset: 'v3' },
            weight: 30,
            headers: { request: { set: { a: 'b' } } },
          },
        ],
      },
      { name: 'lone', route: [{ destination: { host: 'catalog', subset: 'v1' } }] },
    ],
  },
};

const remove = (destinationIndex: number, routeIndex = 0): RemoveDestination => ({
  kind: 'RemoveDestination',
  target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
  routeKind: 'http',
  routeIndex,
  destinationIndex,
});

describe('RemoveDestination', () => {
  it('gives the removed share to the others in proportion', () => {
    const next = applyChange(catalog, remove(1)) as VirtualService;
    expect(next.spec.http?.[0]?.route).toEqual([
      { destination: { host: 'catalog', subset: 'v1' }, weight: 67 },
      {
        destination: { host: 'catalog', subset: 'v3' },
        weight: 33,
        headers: { request: { set: { a: 'b' } } },
      },
    ]);
    expect(next.spec.http?.[1]).toBe(catalog.spec.http?.[1]);
  });

  it('leaves the last one at 100', () => {
    const two = applyChange(catalog, remove(2)) as VirtualService;
    const one = applyChange(two, remove(0)) as VirtualService;
    expect(one.spec.http?.[0]?.route).toEqual([
      { destination: { host: 'catalog', subset: 'v2' }, weight: 100 },
    ]);
  });

  it('splits evenly when the others carry nothing', () => {
    const allOnOne: VirtualService = {
      ...catalog,
      spec: {
        http: [
          {
            route: [
              { destination: { host: 'c', subset: 'a' }, weight: 0 },
              { destination: { host: 'c', subset: 'b' }, weight: 100 },
              { destination: { host: 'c', subset: 'c' }, weight: 0 },
            ],
          },
        ],
      },
    };
    const next = applyChange(allOnOne, remove(1)) as VirtualService;
    expect(next.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([50, 50]);
  });

  it.each([
    [
      'the last destination',
      remove(0, 1),
      'has only this destination: a route must send its traffic somewhere',
    ],
    ['a destination that is not there', remove(3), 'has no destination 3 (it has 3)'],
    ['a route that is not there', remove(0, 4), 'catalog has no http[4]'],
  ])('refuses %s', (_, change, message) => {
    expect(() => applyChange(catalog, change)).toThrow(InvalidError);
    expect(() => applyChange(catalog, change)).toThrow(message);
  });

  it('describes the traffic it moves', () => {
    expect(describeChange(remove(1), catalog)).toBe(
      'catalog http[0] (canary): remove catalog v2 (10%), v1 60% → 67%, v3 30% → 33%',
    );
  });

  it('rebases when the destinations are the same, not when they changed', () => {
    const change = remove(1);
    const reweighed = applyChange(catalog, {
      kind: 'SetWeights',
      target: change.target,
      routeKind: 'http',
      routeIndex: 0,
      weights: [50, 20, 30],
    });
    expect(rebaseChange(change, catalog, reweighed)).toBe(change);
    const reordered = applyChange(catalog, remove(0));
    expect(rebaseChange(change, catalog, reordered)).toBeUndefined();
  });
});

const destinations = fc
  .uniqueArray(fc.stringMatching(/^v[0-9]{1,2}$/), { minLength: 1, maxLength: 6 })
  .chain((subsets) =>
    fc.tuple(
      fc.constant(subsets),
      fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), {
        minLength: subsets.length,
        maxLength: subsets.length,
      }),
    ),
  )
  .map(([subsets, weights]) =>
    subsets.map((subset, i) =>
      weights[i] === undefined
        ? { destination: { host: 'catalog', subset } }
        : { destination: { host: 'catalog', subset }, weight: weights[i] },
    ),
  );

describe('RemoveDestination properties', () => {
  it('weights stay whole and add up to 100; only that destination goes; the input is untouched', () => {
    fc.assert(
      fc.property(destinations, fc.nat(), (route, pick) => {
        const vs: VirtualService = {
          ...catalog,
          spec: { hosts: ['catalog'], http: [{ name: 'r', timeout: '5s', route }, { route: [...route] }] },
        };
        const before = structuredClone(vs);
        const index = pick % route.length;
        if (route.length === 1) {
          expect(() => applyChange(vs, remove(index))).toThrow(InvalidError);
          return;
        }
        const next = applyChange(vs, remove(index)) as VirtualService;
        expect(vs).toEqual(before);
        const after = next.spec.http?.[0];
        const weights = after?.route?.map((d) => d.weight ?? -1) ?? [];
        expect(weights.every((w) => Number.isInteger(w) && w >= 0 && w <= 100)).toBe(true);
        expect(weights.reduce((a, b) => a + b, 0)).toBe(100);
        expect(after?.route?.map((d) => d.destination)).toEqual(
          route.filter((_, i) => i !== index).map((d) => d.destination),
        );
        expect(after?.name).toBe('r');
        expect(after?.timeout).toBe('5s');
        expect(next.spec.http?.[1]).toBe(vs.spec.http?.[1]);
        expect(next.spec.hosts).toBe(vs.spec.hosts);
      }),
    );
  });
});
