import { describe, expect, it } from 'vitest';
import { destinationKeys } from '../destination-key';
import type { BackendRef, GwHTTPRoute } from '../gateway-api-types';
import { routeDestinationsOf } from '../route-destinations';
import type { MeshObject, RouteDestination, VirtualService } from '../types';
import type { DestinationEdit, WeightEdit } from './edits';
import { applyChange } from './kinds';
import { redoPlan, undoPlan } from './route-edit-plan';

const target = { kind: 'VirtualService' as const, namespace: 'shop', name: 'catalog' };

function vs(route: RouteDestination[]): VirtualService {
  return {
    kind: 'VirtualService',
    apiVersion: 'networking.istio.io/v1',
    metadata: { name: 'catalog', namespace: 'shop', resourceVersion: '7' },
    spec: { hosts: ['catalog'], http: [{ route }, { route: [{ destination: { host: 'other' } }] }] },
  };
}
const d = (subset: string, weight?: number): RouteDestination => ({
  destination: { host: 'catalog', subset },
  ...(weight !== undefined && { weight }),
});
const v3 = { host: 'catalog', subset: 'v3' };

const added: DestinationEdit = {
  kind: 'AddDestination',
  target,
  routeKind: 'http',
  routeIndex: 0,
  destination: v3,
  destinations: ['catalog|v1|', 'catalog|v2|'],
  weights: [80, 20],
};
const removed: DestinationEdit = {
  kind: 'RemoveDestination',
  target,
  routeKind: 'http',
  routeIndex: 0,
  destination: { host: 'catalog', subset: 'v2' },
  destinations: ['catalog|v1|', 'catalog|v2|', 'catalog|v3|'],
  weights: [60, 30, 10],
};

function weightsAfter(object: VirtualService, plan: ReturnType<typeof undoPlan>) {
  if (!('changes' in plan)) throw new Error(plan.refusal);
  const next = plan.changes.reduce<MeshObject>((o, c) => applyChange(o, c), object) as VirtualService;
  return next.spec.http?.[0]?.route?.map((r) => [r.destination.subset, r.weight]);
}

describe('undo and redo of an added destination', () => {
  it('removes the destination found by identity, wherever it is now', () => {
    const now = vs([d('v3', 0), d('v1', 80), d('v2', 20)]);
    expect(undoPlan(added, now)).toEqual({
      changes: [{ kind: 'RemoveDestination', target, routeKind: 'http', routeIndex: 0, destinationIndex: 0 }],
    });
    expect(weightsAfter(now, undoPlan(added, now))).toEqual([
      ['v1', 80],
      ['v2', 20],
    ]);
  });

  it('refuses when the destination is gone', () => {
    expect(undoPlan(added, vs([d('v1', 80), d('v2', 20)]))).toEqual({
      refusal: 'Not undone: shop/catalog http[0] no longer sends to catalog subset v3.',
    });
  });

  it('refuses when the route’s other destinations changed', () => {
    const plan = undoPlan(added, vs([d('v1', 80), d('v4', 20), d('v3', 0)]));
    expect(plan).toEqual({
      refusal: 'Not undone: shop/catalog http[0] no longer has the destinations this edit was made on.',
    });
  });

  it('refuses when the object is gone', () => {
    expect(undoPlan(added, undefined)).toEqual({
      refusal: 'Not undone: shop/catalog http[0] is no longer there.',
    });
  });

  it('refuses to remove what became the only destination', () => {
    const alone = { ...added, destinations: [], weights: [] };
    const plan = undoPlan(alone, vs([d('v3')]));
    expect('refusal' in plan && plan.refusal).toMatch(/^Not undone: .*only this destination/);
  });

  it('redoes by adding it again, and refuses when it is already there', () => {
    expect(redoPlan(added, vs([d('v2', 20), d('v1', 80)]))).toEqual({
      changes: [{ kind: 'AddDestination', target, routeKind: 'http', routeIndex: 0, destination: v3 }],
    });
    expect(redoPlan(added, vs([d('v1', 80), d('v2', 20), d('v3', 0)]))).toEqual({
      refusal: 'Not redone: shop/catalog http[0] already sends to catalog subset v3.',
    });
  });
});

describe('undo and redo of a removed destination', () => {
  it('adds it back and restores the weights it had, as a second write', () => {
    const now = vs([d('v1', 86), d('v3', 14)]);
    const plan = undoPlan(removed, now);
    expect('changes' in plan && plan.changes.map((c) => c.kind)).toEqual(['AddDestination', 'SetWeights']);
    expect(weightsAfter(now, plan)).toEqual([
      ['v1', 60],
      ['v3', 10],
      ['v2', 30],
    ]);
  });

  it('writes only the destination when 0% was its share', () => {
    const zero = { ...removed, weights: [90, 0, 10] };
    const plan = undoPlan(zero, vs([d('v1', 90), d('v3', 10)]));
    expect('changes' in plan && plan.changes.map((c) => c.kind)).toEqual(['AddDestination']);
  });

  it('refuses when it is back already, or the others changed', () => {
    expect(undoPlan(removed, vs([d('v1', 50), d('v2', 40), d('v3', 10)]))).toEqual({
      refusal: 'Not undone: shop/catalog http[0] already sends to catalog subset v2.',
    });
    expect(undoPlan(removed, vs([d('v1', 90), d('v4', 10)]))).toEqual({
      refusal: 'Not undone: shop/catalog http[0] no longer has the destinations this edit was made on.',
    });
  });

  it('redoes by removing it again by identity, refused once it is gone', () => {
    const now = vs([d('v1', 60), d('v3', 10), d('v2', 30)]);
    const plan = redoPlan(removed, now);
    expect(plan).toEqual({
      changes: [{ kind: 'RemoveDestination', target, routeKind: 'http', routeIndex: 0, destinationIndex: 2 }],
    });
    expect(redoPlan(removed, vs([d('v1', 90), d('v3', 10)]))).toEqual({
      refusal: 'Not redone: shop/catalog http[0] no longer sends to catalog subset v2.',
    });
  });
});

describe('undo and redo of weights', () => {
  const edit: WeightEdit = {
    kind: 'SetWeights',
    target,
    routeKind: 'http',
    routeIndex: 0,
    destinations: ['catalog|v1|', 'catalog|v2|'],
    before: [90, 10],
    after: [75, 25],
  };

  it('writes the earlier weights, or the later ones, matched by destination', () => {
    expect(undoPlan(edit, vs([d('v1', 75), d('v2', 25)]))).toEqual({
      changes: [{ kind: 'SetWeights', target, routeKind: 'http', routeIndex: 0, weights: [90, 10] }],
    });
    expect(redoPlan(edit, vs([d('v2', 10), d('v1', 90)]))).toEqual({
      changes: [{ kind: 'SetWeights', target, routeKind: 'http', routeIndex: 0, weights: [25, 75] }],
    });
  });

  it('refuses when the route has other destinations', () => {
    expect(undoPlan(edit, vs([d('v1', 75), d('v2', 20), d('v3', 5)]))).toEqual({
      refusal: 'Not undone: shop/catalog http[0] no longer has the destinations this edit was made on.',
    });
  });

  it('refuses when someone else set other weights since: it would overwrite theirs', () => {
    expect(undoPlan(edit, vs([d('v1', 60), d('v2', 40)]))).toEqual({
      refusal: 'Not undone: the weights of shop/catalog http[0] have changed since your edit.',
    });
    expect(redoPlan(edit, vs([d('v1', 60), d('v2', 40)]))).toEqual({
      refusal: 'Not redone: the weights of shop/catalog http[0] have changed since your undo.',
    });
    // A drag whose last write failed, kept with its first edit before it: undo of the older
    // edit (20/80 -> 50/50) while the route holds the drag's 80/20 writes nothing.
    const older: WeightEdit = { ...edit, before: [20, 80], after: [50, 50] };
    expect(undoPlan(older, vs([d('v1', 80), d('v2', 20)]))).toEqual({
      refusal: 'Not undone: the weights of shop/catalog http[0] have changed since your edit.',
    });
  });
});

describe('undoing a weight gesture on a Gateway API rule', () => {
  const routeRef = { kind: 'HTTPRoute' as const, namespace: 'shop', name: 'cart' };
  const httpRoute = (weights: Array<number | undefined>): MeshObject =>
    ({
      kind: 'HTTPRoute',
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: { name: 'cart', namespace: 'shop', resourceVersion: '3' },
      spec: {
        rules: [
          {
            backendRefs: weights.map((weight, i) => ({
              name: `cart-v${i + 1}`,
              port: 8080,
              ...(weight !== undefined && { weight }),
            })),
          },
        ],
      },
    }) as MeshObject;

  it('writes back the weights as the author had them, none where none was written', () => {
    const before = httpRoute([undefined, undefined]);
    const after = httpRoute([70, 30]);
    const read = routeDestinationsOf(after, { ref: routeRef, routeKind: 'rules', routeIndex: 0 });
    const ids = destinationKeys(read?.destinations ?? []);
    expect(ids).toHaveLength(2);
    const edit: WeightEdit = {
      kind: 'SetWeights',
      target: routeRef,
      routeKind: 'rules',
      routeIndex: 0,
      destinations: ids,
      before: [50, 50],
      after: [70, 30],
      beforeWritten: [null, null],
    };
    const plan = undoPlan(edit, after);
    if (!('changes' in plan)) throw new Error(plan.refusal);
    const undone = plan.changes.reduce<MeshObject>((object, change) => applyChange(object, change), after);
    expect(undone.spec).toEqual(before.spec);
    // Without the recorded weights (an edit from before this was kept), the shares come back, as weights.
    const { beforeWritten: _, ...older } = edit;
    const shares = undoPlan(older, after);
    if (!('changes' in shares)) throw new Error(shares.refusal);
    const undoneOld = shares.changes.reduce<MeshObject>(
      (object, change) => applyChange(object, change),
      after,
    );
    expect(undoneOld.spec).not.toEqual(before.spec);
  });
});

describe('undo and redo of a Gateway API rule’s added or removed backend', () => {
  const cart = { kind: 'HTTPRoute' as const, namespace: 'shop', name: 'cart' };
  const httpRoute = (backendRefs: BackendRef[]): GwHTTPRoute => ({
    kind: 'HTTPRoute',
    apiVersion: 'gateway.networking.k8s.io/v1',
    metadata: { name: 'cart', namespace: 'shop', resourceVersion: '3' },
    spec: { parentRefs: [{ name: 'edge' }], rules: [{ backendRefs }] },
  });
  const b = (name: string, weight?: number): BackendRef => ({
    name,
    port: 8080,
    ...(weight !== undefined && { weight }),
  });
  const backendsAfter = (object: MeshObject, plan: ReturnType<typeof undoPlan>) => {
    if (!('changes' in plan)) throw new Error(plan.refusal);
    const next = plan.changes.reduce<MeshObject>((o, c) => applyChange(o, c), object) as GwHTTPRoute;
    return next.spec.rules?.[0]?.backendRefs;
  };
  const base = { target: cart, routeKind: 'rules' as const, routeIndex: 0 };
  const addedBackend: DestinationEdit = {
    kind: 'AddDestination',
    ...base,
    destination: { host: 'cart-v3', port: { number: 8080 } },
    backendRef: { name: 'cart-v3', port: 8080 },
    destinations: ['cart-v1||8080', 'cart-v2||8080'],
    weights: [90, 10],
  };
  const removedBackend: DestinationEdit = {
    kind: 'RemoveDestination',
    ...base,
    destination: { host: 'cart-v2', port: { number: 8080 } },
    backendRef: { name: 'cart-v2', port: 8080 },
    destinations: ['cart-v1||8080', 'cart-v2||8080', 'cart-v3||8080'],
    weights: [25, 25, 50],
    written: [null, null, 2],
  };

  it('undoes an addition by removing that backend, and redoes it by adding it again at 0', () => {
    const now = httpRoute([b('cart-v1', 90), b('cart-v2', 10), b('cart-v3', 0)]);
    expect(undoPlan(addedBackend, now)).toEqual({
      changes: [{ kind: 'RemoveBackend', ...base, backendIndex: 2 }],
    });
    const undone = httpRoute([b('cart-v1', 90), b('cart-v2', 10)]);
    expect(backendsAfter(undone, redoPlan(addedBackend, undone))).toEqual([
      b('cart-v1', 90),
      b('cart-v2', 10),
      b('cart-v3', 0),
    ]);
    expect(redoPlan(addedBackend, now)).toEqual({
      refusal: 'Not redone: shop/cart rules[0] already sends to cart-v3 port 8080.',
    });
  });

  it('undoes a removal by adding the backend back and writing the weights as they were', () => {
    const now = httpRoute([b('cart-v1'), b('cart-v3', 2)]);
    // Back at its place, the others standing as they stood.
    expect(backendsAfter(now, undoPlan(removedBackend, now))).toEqual([
      b('cart-v1'),
      b('cart-v2'),
      b('cart-v3', 2),
    ]);
    // Reordered meanwhile: at the end, the weights still as they were.
    const reordered = httpRoute([b('cart-v3', 2), b('cart-v1')]);
    expect(backendsAfter(reordered, undoPlan(removedBackend, reordered))).toEqual([
      b('cart-v3', 2),
      b('cart-v1'),
      b('cart-v2'),
    ]);
    const back = httpRoute([b('cart-v1'), b('cart-v3', 2), b('cart-v2')]);
    expect(backendsAfter(back, redoPlan(removedBackend, back))).toEqual([b('cart-v1'), b('cart-v3', 2)]);
  });

  it('undoes the addition of a rule’s first backend, which RemoveBackend would refuse', () => {
    const first: DestinationEdit = { ...addedBackend, destinations: [], weights: [] };
    const now = httpRoute([b('cart-v3')]);
    const plan = undoPlan(first, now);
    if (!('changes' in plan)) throw new Error(plan.refusal);
    const undone = plan.changes.reduce<MeshObject>((o, c) => applyChange(o, c), now) as GwHTTPRoute;
    expect(undone.spec.rules?.[0]).toEqual({});
  });

  it('refuses an undo once the rule’s backends changed', () => {
    const now = httpRoute([b('cart-v1'), b('cart-v4', 2)]);
    expect(undoPlan(removedBackend, now)).toEqual({
      refusal: 'Not undone: shop/cart rules[0] no longer has the destinations this edit was made on.',
    });
  });
});
