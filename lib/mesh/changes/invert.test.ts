import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepEqual } from '../deep-equal';
import type { HTTPRoute, MeshObject, VirtualService } from '../types';
import { manifestOf } from './delete-object';
import { type AnyChange, applyChange, invertChange, type MeshChange } from './kinds';
import { checkout, checkoutRule, shopGateway, targets } from './test-objects';

const target = targets.checkout;

// The inverse of an edit, made on what the edit left.
const undone = (after: MeshObject, change: MeshChange, before: MeshObject) =>
  invertChange(change, before).reduce((object, inverse) => applyChange(object, inverse as MeshChange), after);

// Routes as a person might write them: a name, a match or none, weighted destinations, and
// now and then a timeout, retries or a field Weir does not know.
const route: fc.Arbitrary<HTTPRoute> = fc
  .record(
    {
      name: fc.stringMatching(/^[a-z]{1,6}$/),
      match: fc.array(fc.record({ uri: fc.record({ prefix: fc.constantFrom('/', '/api', '/login') }) }), {
        maxLength: 2,
      }),
      route: fc.array(
        fc.record({
          destination: fc.record(
            { host: fc.constantFrom('checkout', 'catalog'), subset: fc.constantFrom('v1', 'v2') },
            { requiredKeys: ['host'] },
          ),
          weight: fc.integer({ min: 0, max: 100 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      timeout: fc.constantFrom('5s', '10s', '250ms'),
      retries: fc.record({
        attempts: fc.integer({ min: 0, max: 5 }),
        perTryTimeout: fc.constantFrom('1s', '2s'),
      }),
      futureField: fc.record({ keep: fc.boolean() }),
    },
    { requiredKeys: ['route'] },
  )
  .map((r) => r as HTTPRoute);

const virtualService = fc
  .array(route, { minLength: 1, maxLength: 5 })
  .map((http): VirtualService => ({ ...checkout, spec: { ...checkout.spec, http } }));

// Any route change that fits the VirtualService, with a new route to add or set.
const changeFor = (vs: VirtualService) => {
  const n = vs.spec.http?.length ?? 0;
  const at = fc.nat({ max: n - 1 });
  return fc.oneof(
    fc
      .record({ routeIndex: at, route })
      .map((c): MeshChange => ({ kind: 'SetRoute', target, routeKind: 'http', ...c })),
    fc
      .record({ index: fc.nat({ max: n }), route })
      .map((c): MeshChange => ({ kind: 'AddRoute', target, routeKind: 'http', ...c })),
    at.map((routeIndex): MeshChange => ({ kind: 'RemoveRoute', target, routeKind: 'http', routeIndex })),
    fc
      .record({ from: at, to: at })
      .map((c): MeshChange => ({ kind: 'MoveRoute', target, routeKind: 'http', ...c })),
    fc
      .array(route, { maxLength: 3 })
      .map((http): MeshChange => ({ kind: 'SetSpec', target, spec: { hosts: ['checkout'], http } })),
  );
};

describe('invertChange: route and spec changes', () => {
  it('applying a change and then its inverse gives back the spec it started from', () => {
    fc.assert(
      fc.property(
        virtualService.chain((vs) => fc.tuple(fc.constant(vs), changeFor(vs))),
        ([vs, change]) => {
          const after = applyChange(vs, change);
          const back = undone(after, change, vs);
          expect(deepEqual(back.spec, vs.spec)).toBe(true);
        },
      ),
    );
  });

  it('undoes a removal of the only route, which leaves no http list at all', () => {
    const one: VirtualService = {
      ...checkout,
      spec: { hosts: ['checkout'], http: [checkout.spec.http?.[0] as HTTPRoute] },
    };
    const change: MeshChange = { kind: 'RemoveRoute', target, routeKind: 'http', routeIndex: 0 };
    const after = applyChange(one, change);
    expect(after.spec).not.toHaveProperty('http');
    expect(undone(after, change, one).spec).toEqual(one.spec);
  });

  it('sets a DestinationRule’s and a Gateway’s old spec back whole', () => {
    for (const [object, t] of [
      [checkoutRule, targets.checkoutRule],
      [shopGateway, targets.shopGateway],
    ] as const) {
      const change: MeshChange = { kind: 'SetSpec', target: t, spec: { ...object.spec, extra: 1 } };
      const back = undone(applyChange(object, change), change, object);
      expect(back.spec).toEqual(object.spec);
    }
  });
});

describe('invertChange: create and delete', () => {
  it('undoes a create with a delete, and a delete with a create of what was deleted', () => {
    const created: AnyChange = { kind: 'CreateObject', target, object: manifestOf(checkout) };
    expect(invertChange(created, undefined)).toEqual([{ kind: 'DeleteObject', target }]);
    const [again] = invertChange({ kind: 'DeleteObject', target }, checkout);
    expect(again).toEqual({
      kind: 'CreateObject',
      target,
      object: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'checkout', namespace: 'shop' },
        spec: checkout.spec,
      },
    });
  });

  it('leaves what the API server sets out of the manifest, and keeps labels and annotations', () => {
    const held = {
      ...checkout,
      metadata: {
        ...checkout.metadata,
        uid: 'u-1',
        creationTimestamp: '2026-01-01T00:00:00Z',
        generation: 3,
        labels: { team: 'shop' },
        annotations: { note: 'kept' },
        managedFields: [{ manager: 'weir' }],
      },
    };
    expect(manifestOf(held).metadata).toEqual({
      name: 'checkout',
      namespace: 'shop',
      labels: { team: 'shop' },
      annotations: { note: 'kept' },
    });
  });
});

describe('invertChange: weights and destinations', () => {
  const canary: VirtualService = {
    ...checkout,
    spec: {
      hosts: ['checkout'],
      http: [
        {
          route: [
            { destination: { host: 'checkout', subset: 'v1' }, weight: 90 },
            { destination: { host: 'checkout', subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    },
  };
  const at = { target, routeKind: 'http' as const, routeIndex: 0 };
  const shares = (object: MeshObject) =>
    object.kind === 'VirtualService'
      ? (object.spec.http?.[0]?.route ?? []).map((d) => `${d.destination.subset} ${d.weight}`).sort()
      : [];

  it('sets the weights back, and removes an added destination', () => {
    for (const change of [
      { kind: 'SetWeights', ...at, weights: [50, 50] },
      { kind: 'AddDestination', ...at, destination: { host: 'checkout', subset: 'v3' } },
    ] satisfies MeshChange[]) {
      expect(undone(applyChange(canary, change), change, canary).spec).toEqual(canary.spec);
    }
  });

  it('adds a removed destination back with the weights the route had (it comes back last)', () => {
    const change: MeshChange = { kind: 'RemoveDestination', ...at, destinationIndex: 0 };
    expect(shares(undone(applyChange(canary, change), change, canary))).toEqual(['v1 90', 'v2 10']);
  });
});
