import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../errors';
import type { Destination, VirtualService } from '../types';
import type { AddDestination } from './add-destination';
import { applyChange, describeChange, rebaseChange } from './kinds';

const checkout: VirtualService = {
  kind: 'VirtualService',
  apiVersion: 'networking.istio.io/v1',
  metadata: { name: 'checkout', namespace: 'shop', resourceVersion: '7' },
  spec: {
    hosts: ['checkout'],
    http: [
      {
        name: 'beta-testers',
        match: [{ headers: { 'x-beta-tester': { exact: 'true' } } }],
        route: [{ destination: { host: 'checkout', subset: 'v2' } }],
      },
      {
        name: 'default',
        route: [{ destination: { host: 'checkout', subset: 'v1' } }],
        timeout: '10s',
        retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx' },
      },
      { name: 'old', redirect: { uri: '/new' } },
    ],
    tcp: [{ match: [{ port: 31400 }], route: [{ destination: { host: 'echo' } }] }],
  },
};

const add = (
  destination: Destination,
  routeIndex = 1,
  routeKind: 'http' | 'tcp' = 'http',
): AddDestination => ({
  kind: 'AddDestination',
  target: { kind: 'VirtualService', namespace: 'shop', name: 'checkout' },
  routeKind,
  routeIndex,
  destination,
});

const routeOf = (vs: VirtualService, index = 1) => vs.spec.http?.[index]?.route;

describe('AddDestination', () => {
  it('adds the destination at 0% and writes out the implied 100 of the one already there', () => {
    const next = applyChange(checkout, add({ host: 'checkout', subset: 'v2' })) as VirtualService;
    expect(routeOf(next)).toEqual([
      { destination: { host: 'checkout', subset: 'v1' }, weight: 100 },
      { destination: { host: 'checkout', subset: 'v2' }, weight: 0 },
    ]);
    expect(next.spec.http?.[1]?.retries).toBe(checkout.spec.http?.[1]?.retries);
    expect(next.spec.http?.[0]).toBe(checkout.spec.http?.[0]);
    expect(next.spec.tcp).toBe(checkout.spec.tcp);
  });

  it('adds another host, with a port, to a tcp route', () => {
    const next = applyChange(
      checkout,
      add({ host: 'echo-next', port: { number: 9000 } }, 0, 'tcp'),
    ) as VirtualService;
    expect(next.spec.tcp?.[0]?.route).toEqual([
      { destination: { host: 'echo' }, weight: 100 },
      { destination: { host: 'echo-next', port: { number: 9000 } }, weight: 0 },
    ]);
  });

  it('keeps weights that already add up to 100 as they are', () => {
    const canary: VirtualService = {
      ...checkout,
      spec: {
        http: [
          {
            route: [
              { destination: { host: 'c', subset: 'v1' }, weight: 90 },
              { destination: { host: 'c', subset: 'v2' }, weight: 10 },
            ],
          },
        ],
      },
    };
    const next = applyChange(canary, add({ host: 'c', subset: 'v3' }, 0)) as VirtualService;
    expect(next.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([90, 10, 0]);
    expect(next.spec.http?.[0]?.route?.[0]).toBe(canary.spec.http?.[0]?.route?.[0]);
  });

  it('carries only host, subset and port of the destination it is given', () => {
    const sneaky = { host: 'checkout', subset: 'v2', weight: 50, extra: true } as Destination;
    const next = applyChange(checkout, add(sneaky)) as VirtualService;
    expect(routeOf(next)?.[1]).toEqual({ destination: { host: 'checkout', subset: 'v2' }, weight: 0 });
  });

  it.each([
    [
      'a destination the route already has',
      add({ host: 'checkout', subset: 'v1' }),
      'already sends to checkout subset v1',
    ],
    ['a route that redirects', add({ host: 'checkout' }, 2), 'checkout http[2] redirects'],
    ['a route that does not exist', add({ host: 'checkout' }, 7), 'checkout has no http[7]'],
    ['an empty host', add({ host: '' }), 'destination.host must be a host name'],
    ['a wildcard host', add({ host: '*.shop' }), 'destination.host must be a host name'],
    ['a port out of range', add({ host: 'checkout', port: { number: 70000 } }), 'destination.port.number'],
  ])('refuses %s', (_, change, message) => {
    expect(() => applyChange(checkout, change)).toThrow(InvalidError);
    expect(() => applyChange(checkout, change)).toThrow(message);
  });

  it('refuses another object', () => {
    const change = {
      ...add({ host: 'x' }),
      target: { kind: 'VirtualService' as const, namespace: 'shop', name: 'cart' },
    };
    expect(() => applyChange(checkout, change)).toThrow('targets shop/cart, not shop/checkout');
  });

  it('describes itself', () => {
    expect(describeChange(add({ host: 'checkout', subset: 'v2' }), checkout)).toBe(
      'checkout http[1] (default): add checkout v2 at 0%',
    );
  });

  it('rebases when the route still has the same destinations, whatever its weights', () => {
    const change = add({ host: 'checkout', subset: 'v2' });
    const moved = {
      ...checkout,
      metadata: { ...checkout.metadata, resourceVersion: '9' },
      spec: { ...checkout.spec, hosts: ['checkout', 'co'] },
    };
    expect(rebaseChange(change, checkout, moved)).toBe(change);
    const grown = applyChange(checkout, add({ host: 'checkout', subset: 'v3' }));
    expect(rebaseChange(change, checkout, grown)).toBeUndefined();
    const renamed = applyChange(checkout, {
      kind: 'MoveRoute',
      target: change.target,
      routeKind: 'http',
      from: 0,
      to: 1,
    });
    expect(rebaseChange(change, checkout, renamed)).toBeUndefined();
  });
});

// ---- properties -----------------------------------------------------------------------

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const destination = fc.record(
  { host: name, subset: name, port: fc.record({ number: fc.integer({ min: 1, max: 65535 }) }) },
  { requiredKeys: ['host'] },
);
const weighted = fc.record(
  { destination, weight: fc.integer({ min: 0, max: 100 }) },
  { requiredKeys: ['destination'] },
);
const route = fc.record(
  {
    name,
    route: fc.uniqueArray(weighted, {
      minLength: 1,
      maxLength: 5,
      selector: (d) => `${d.destination.host}|${d.destination.subset}|${d.destination.port?.number}`,
    }),
    timeout: fc.constantFrom('1s', '10s'),
    headers: fc.constant({ request: { set: { 'x-kept': 'yes' } } }),
  },
  { requiredKeys: ['route'] },
);
const virtualService = fc
  .record({
    http: fc.array(route, { minLength: 1, maxLength: 4 }),
    hosts: fc.array(name, { minLength: 1, maxLength: 2 }),
  })
  .map(
    (spec): VirtualService => ({
      kind: 'VirtualService',
      apiVersion: 'networking.istio.io/v1',
      metadata: { name: 'checkout', namespace: 'shop', resourceVersion: '1' },
      spec,
    }),
  );
const ids = (ds: { destination: Destination }[] | undefined) =>
  (ds ?? []).map((d) => `${d.destination.host}|${d.destination.subset}|${d.destination.port?.number}`);

describe('AddDestination properties', () => {
  it('weights are whole, add up to 100, the new one is last; nothing else changes; the input is untouched', () => {
    fc.assert(
      fc.property(virtualService, fc.nat(), destination, (vs, pick, d) => {
        const routeIndex = pick % (vs.spec.http?.length ?? 1);
        const before = structuredClone(vs);
        const existing = ids(vs.spec.http?.[routeIndex]?.route);
        const allZero =
          (vs.spec.http?.[routeIndex]?.route ?? []).every((r) => !r.weight) && existing.length > 1;
        const change = add(d, routeIndex);
        if (existing.includes(ids([{ destination: d }])[0] ?? '') || allZero) {
          expect(() => applyChange(vs, change)).toThrow(InvalidError);
          expect(vs).toEqual(before);
          return;
        }
        const next = applyChange(vs, change) as VirtualService;
        expect(vs).toEqual(before);
        const after = next.spec.http?.[routeIndex];
        const weights = after?.route?.map((r) => r.weight) ?? [];
        expect(weights.every((w) => Number.isInteger(w))).toBe(true);
        expect(weights.reduce((a = 0, b = 0) => a + b, 0)).toBe(100);
        expect(weights.at(-1)).toBe(0);
        expect(ids(after?.route)).toEqual([...existing, ...ids([{ destination: d }])]);
        // The route's other fields and every other route are the same objects.
        const { route: _a, ...rest } = after ?? {};
        const { route: _b, ...restBefore } = vs.spec.http?.[routeIndex] ?? {};
        expect(rest).toEqual(restBefore);
        vs.spec.http?.forEach((r, i) => {
          if (i !== routeIndex) expect(next.spec.http?.[i]).toBe(r);
        });
        expect(next.spec.hosts).toBe(vs.spec.hosts);
        expect(next.metadata).toBe(vs.metadata);
      }),
    );
  });
});
