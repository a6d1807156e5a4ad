import { describe, expect, it } from 'vitest';
import type { MeshChange, SetWeights } from '../mesh/changes';
import type { SetBackendWeights } from '../mesh/changes/set-backend-weights';
import type { GwHTTPRoute } from '../mesh/gateway-api-types';
import type { MeshSnapshot, VirtualService } from '../mesh/types';
import { type PendingChange, withObject, withPendingChanges } from './pending-changes';

function catalog(resourceVersion: string, weights: [number, number]): VirtualService {
  return {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name: 'catalog', namespace: 'shop', resourceVersion },
    spec: {
      hosts: ['catalog'],
      http: [
        {
          route: [
            { destination: { host: 'catalog', subset: 'v1' }, weight: weights[0] },
            { destination: { host: 'catalog', subset: 'v2' }, weight: weights[1] },
          ],
        },
      ],
    },
  };
}

const snapshot: MeshSnapshot = {
  sequence: 4,
  objects: { 'VirtualService/shop/catalog': catalog('7', [90, 10]) },
  sync: { backend: 'files', source: 'demo', demo: true, synced: true, syncedAt: '2025-01-01T00:00:00Z' },
};

function setWeights(weights: number[], routeIndex = 0): SetWeights {
  return {
    kind: 'SetWeights',
    target: { kind: 'VirtualService', namespace: 'shop', name: 'catalog' },
    routeKind: 'http',
    routeIndex,
    weights,
  };
}

function at(resourceVersion: string, change: MeshChange): PendingChange {
  return { change, resourceVersion };
}

function weightsOf(result: MeshSnapshot): Array<number | undefined> {
  const vs = result.objects['VirtualService/shop/catalog'] as VirtualService;
  return vs.spec.http?.[0]?.route?.map((destination) => destination.weight) ?? [];
}

describe('withPendingChanges', () => {
  it('is the same snapshot when nothing is in flight', () => {
    expect(withPendingChanges(snapshot, [])).toBe(snapshot);
  });

  it('applies each change to an object once: laid again, the overlay gives the same objects', () => {
    const pending = [at('7', setWeights([75, 25])), at('7', setWeights([60, 40]))];
    const first = withPendingChanges(snapshot, pending);
    const again = withPendingChanges({ ...snapshot, sequence: 5 }, pending);
    expect(again.objects['VirtualService/shop/catalog']).toBe(first.objects['VirtualService/shop/catalog']);
    expect(weightsOf(again)).toEqual([60, 40]);
    // A change that does not fit is left out every time, not only the first.
    const misfit = [at('7', setWeights([50, 50], 3))];
    expect(withPendingChanges(snapshot, misfit).objects).toEqual(snapshot.objects);
    expect(withPendingChanges(snapshot, misfit).objects).toEqual(snapshot.objects);
  });

  it('applies changes in order, the last one showing', () => {
    const view = withPendingChanges(snapshot, [at('7', setWeights([75, 25])), at('7', setWeights([60, 40]))]);
    expect(weightsOf(view)).toEqual([60, 40]);
    expect(weightsOf(snapshot)).toEqual([90, 10]);
  });

  it("shows a Gateway API route's weights being written too, as a VirtualService's are", () => {
    // Shown for VirtualServices only, an HTTPRoute fell back to its weights before the write
    // between a slider's draft going and the answer being drawn: a key step then repeated the last.
    const cart: GwHTTPRoute = {
      kind: 'HTTPRoute',
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: { name: 'cart', namespace: 'shop', resourceVersion: '3' },
      spec: {
        rules: [
          {
            backendRefs: [
              { name: 'cart-v1', port: 8080, weight: 90 },
              { name: 'cart-v2', port: 8080, weight: 10 },
            ],
          },
        ],
      },
    };
    const change: SetBackendWeights = {
      kind: 'SetBackendWeights',
      target: { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' },
      routeKind: 'rules',
      routeIndex: 0,
      weights: [70, 30],
    };
    const held = { ...snapshot, objects: { ...snapshot.objects, 'HTTPRoute/shop/cart': cart } };
    const view = withPendingChanges(held, [at('3', change)]);
    const route = view.objects['HTTPRoute/shop/cart'] as GwHTTPRoute;
    expect(route.spec.rules?.[0]?.backendRefs?.map((backend) => backend.weight)).toEqual([70, 30]);
    expect(cart.spec.rules?.[0]?.backendRefs?.[0]?.weight).toBe(90);
  });

  it('leaves out a change to an object it does not hold', () => {
    const gone = {
      ...setWeights([50, 50]),
      target: { kind: 'VirtualService' as const, namespace: 'shop', name: 'gone' },
    };
    expect(withPendingChanges(snapshot, [at('7', gone)]).objects).toEqual(snapshot.objects);
  });

  it('is not applied again to a version that already holds it (the stream was faster than the answer)', () => {
    // Made against version 6; the held version 7 is the written object the stream brought.
    const view = withPendingChanges(snapshot, [at('6', setWeights([50, 50]))]);
    expect(view.objects).toEqual(snapshot.objects);
  });

  it("is applied to a version this browser's own earlier writes led to from its base", () => {
    const reached = (_key: string, version: string) => (version === '5' ? '7' : version);
    const view = withPendingChanges(snapshot, [at('5', setWeights([50, 50]))], reached);
    expect(weightsOf(view)).toEqual([50, 50]);
  });

  it('leaves out a change whose route is gone', () => {
    const view = withPendingChanges(snapshot, [at('7', setWeights([50, 50], 3))]);
    expect(weightsOf(view)).toEqual([90, 10]);
  });
});

describe('withObject', () => {
  it('takes the server answer', () => {
    expect(weightsOf(withObject(snapshot, catalog('8', [75, 25])))).toEqual([75, 25]);
  });

  it('keeps a newer version the live stream already brought', () => {
    expect(withObject(snapshot, catalog('6', [75, 25]))).toBe(snapshot);
  });
});
