import { describe, expect, it } from 'vitest';
import type { GraphNode } from '@/lib/graph/types';
import { routeTargetOf } from './route-target';

const route: GraphNode = {
  id: 'route:shop/catalog/tcp/2',
  kind: 'route',
  namespace: 'shop',
  label: 'tcp[2]',
  details: [],
  ref: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
  path: 'spec.tcp[2]',
  route: {
    ref: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
    routeKind: 'tcp',
    routeIndex: 2,
  },
  problems: [],
};

describe('routeTargetOf', () => {
  it('reads the route of a route node from its address', () => {
    expect(routeTargetOf({ node: route })).toEqual({
      ref: { kind: 'VirtualService' as const, namespace: 'shop', name: 'catalog' },
      routeKind: 'tcp',
      routeIndex: 2,
    });
  });

  it('reads the route of a weight edge from its weight', () => {
    const edge = {
      id: 'e',
      source: 'a',
      target: 'b',
      kind: 'weight' as const,
      problems: [],
      weight: {
        ref: { kind: 'VirtualService' as const, namespace: 'shop', name: 'cart' },
        routeKind: 'http' as const,
        routeIndex: 1,
        destinationIndex: 0,
        host: 'cart',
        weight: 100,
        explicit: false,
      },
    };
    expect(routeTargetOf({ edge })).toEqual({
      ref: { kind: 'VirtualService' as const, namespace: 'shop', name: 'cart' },
      routeKind: 'http',
      routeIndex: 1,
    });
  });

  it('has none for other nodes', () => {
    expect(
      routeTargetOf({ node: { ...route, kind: 'virtualService', path: undefined, route: undefined } }),
    ).toBeUndefined();
    expect(routeTargetOf({})).toBeUndefined();
  });
});
