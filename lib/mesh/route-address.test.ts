import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GATEWAY_ROUTE_KINDS } from './gateway-api-types';
import { type DestinationAddress, destinationAddressKey, routeAddressKey, routeTitle } from './route-address';
import type { RouteKind } from './types';

// Few names, so that two routes often share a namespace and a name and differ by kind alone.
const destination: fc.Arbitrary<DestinationAddress> = fc
  .record({
    kind: fc.constantFrom('VirtualService' as const, ...GATEWAY_ROUTE_KINDS),
    namespace: fc.constantFrom('shop', 'shop-a', 'a'),
    name: fc.constantFrom('frontend', 'cart', 'shop'),
    istioKind: fc.constantFrom<RouteKind>('http', 'tcp', 'tls'),
    routeIndex: fc.nat(2),
    destinationIndex: fc.nat(2),
  })
  .map(({ kind, namespace, name, istioKind, routeIndex, destinationIndex }) => ({
    ref: { kind, namespace, name },
    routeKind: kind === 'VirtualService' ? istioKind : 'rules',
    routeIndex,
    destinationIndex,
  }));

const sameRoute = (a: DestinationAddress, b: DestinationAddress) =>
  a.ref.kind === b.ref.kind &&
  a.ref.namespace === b.ref.namespace &&
  a.ref.name === b.ref.name &&
  a.routeKind === b.routeKind &&
  a.routeIndex === b.routeIndex;

describe('routeAddressKey', () => {
  it('names the object with its kind: an HTTPRoute and a GRPCRoute called frontend are two routes', () => {
    const http = {
      ref: { kind: 'HTTPRoute' as const, namespace: 'shop', name: 'frontend' },
      routeKind: 'rules' as const,
    };
    const grpc = { ...http, ref: { ...http.ref, kind: 'GRPCRoute' as const } };
    expect(routeAddressKey({ ...http, routeIndex: 0 })).toBe('HTTPRoute/shop/frontend/rules/0');
    expect(routeAddressKey({ ...grpc, routeIndex: 0 })).toBe('GRPCRoute/shop/frontend/rules/0');
    expect(destinationAddressKey({ ...grpc, routeIndex: 0, destinationIndex: 2 })).toBe(
      'GRPCRoute/shop/frontend/rules/0/2',
    );
  });

  it('is the same for two addresses exactly when they are the same route (kind included)', () => {
    fc.assert(
      fc.property(destination, destination, (a, b) => {
        expect(routeAddressKey(a) === routeAddressKey(b)).toBe(sameRoute(a, b));
        expect(destinationAddressKey(a) === destinationAddressKey(b)).toBe(
          sameRoute(a, b) && a.destinationIndex === b.destinationIndex,
        );
      }),
    );
  });
});

describe('routeTitle', () => {
  it('reads as a person names the route, with the kind of a Gateway API route', () => {
    expect(
      routeTitle({
        ref: { kind: 'VirtualService', namespace: 'shop', name: 'reviews' },
        routeKind: 'http',
        routeIndex: 0,
      }),
    ).toBe('shop/reviews http[0]');
    expect(
      routeTitle({
        ref: { kind: 'GRPCRoute', namespace: 'shop', name: 'frontend' },
        routeKind: 'rules',
        routeIndex: 1,
      }),
    ).toBe('GRPCRoute shop/frontend rules[1]');
  });

  it('is the same for two routes only when they are the same route: two sliders never share a name', () => {
    fc.assert(
      fc.property(destination, destination, (a, b) => {
        expect(routeTitle(a) === routeTitle(b)).toBe(sameRoute(a, b));
      }),
    );
  });
});
