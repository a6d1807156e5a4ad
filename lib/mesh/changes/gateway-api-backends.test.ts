import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BackendRef, GwHTTPRoute } from '../gateway-api-types';
import { backendShares } from '../resolve/gateway-api';
import type { MeshObject } from '../types';
import type { AddBackend } from './add-backend';
import { applyChange, describeChange, invertChange, type MeshChange, rebaseChange } from './kinds';
import type { RemoveBackend } from './remove-backend';

const target = { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' } as const;

function route(weights: Array<number | undefined>, version = '1'): GwHTTPRoute {
  return {
    kind: 'HTTPRoute',
    apiVersion: 'gateway.networking.k8s.io/v1',
    metadata: { name: 'cart', namespace: 'shop', resourceVersion: version },
    spec: {
      parentRefs: [{ name: 'edge' }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/cart' } }],
          backendRefs: weights.map((weight, i) => ({
            name: `cart-v${i + 1}`,
            port: 8080,
            ...(weight !== undefined && { weight }),
          })),
        },
        { backendRefs: [{ name: 'cart-v1', port: 8080 }] },
      ],
    },
  };
}

const add = (backendRef: AddBackend['backendRef'], routeIndex = 0): AddBackend => ({
  kind: 'AddBackend',
  target,
  routeKind: 'rules',
  routeIndex,
  backendRef,
});
const remove = (backendIndex: number, routeIndex = 0): RemoveBackend => ({
  kind: 'RemoveBackend',
  target,
  routeKind: 'rules',
  routeIndex,
  backendIndex,
});

const backends = (object: MeshObject, rule = 0): BackendRef[] =>
  (object as GwHTTPRoute).spec.rules?.[rule]?.backendRefs ?? [];

function applyAll(object: MeshObject, changes: MeshChange[]): MeshObject {
  return changes.reduce<MeshObject>((current, change) => applyChange(current, change), object);
}

// Weights as the Gateway API reads them: a missing one is 1, none below 0.
const weights = fc.array(fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }), {
  minLength: 1,
  maxLength: 6,
});

describe('AddBackend', () => {
  it('adds the backend at the end at weight 0, the others exactly as written', () => {
    const before = route([90, 10]);
    const after = applyChange(before, add({ name: 'cart-v3', port: 8080 }));
    expect(backends(after)).toEqual([
      { name: 'cart-v1', port: 8080, weight: 90 },
      { name: 'cart-v2', port: 8080, weight: 10 },
      { name: 'cart-v3', port: 8080, weight: 0 },
    ]);
    // The other rule and the rest of the spec are shared, not copied.
    expect((after as GwHTTPRoute).spec.rules?.[1]).toBe(before.spec.rules?.[1]);
    expect((after as GwHTTPRoute).spec.parentRefs).toEqual([{ name: 'edge' }]);
  });

  it('keeps every other backend’s weight and share, whatever the weights (property)', () => {
    fc.assert(
      fc.property(weights, (ws) => {
        fc.pre(backendShares(ws).some((s) => s > 0));
        const before = route(ws);
        const after = applyChange(before, add({ name: 'cart-new', port: 9090 }));
        const list = backends(after);
        expect(list.slice(0, ws.length)).toEqual(backends(before));
        expect(list[ws.length]).toEqual({ name: 'cart-new', port: 9090, weight: 0 });
        expect(backendShares(list.map((b) => b.weight)).slice(0, ws.length)).toEqual(backendShares(ws));
        // Its inverse gives the object back exactly.
        expect(
          applyAll(after, invertChange(add({ name: 'cart-new', port: 9090 }), before) as MeshChange[]),
        ).toEqual(before);
      }),
    );
  });

  it('writes no weight when the rule had no backends: alone it carries all', () => {
    const empty = route([]);
    const after = applyChange(empty, add({ name: 'cart-v1', port: 8080 }));
    expect(backends(after)).toEqual([{ name: 'cart-v1', port: 8080 }]);
    expect(describeChange(add({ name: 'cart-v1', port: 8080 }), empty)).toBe(
      'cart rules[0]: add cart-v1:8080 at 100%',
    );
  });

  it('is undone exactly on a rule that had no backends (its only one: no RemoveBackend)', () => {
    const empty = route([]);
    const noField: GwHTTPRoute = { ...empty, spec: { ...empty.spec, rules: [{ matches: [] }] } };
    for (const before of [empty, noField]) {
      const after = applyChange(before, add({ name: 'cart-v1', port: 8080 }));
      const undo = invertChange(add({ name: 'cart-v1', port: 8080 }), before) as MeshChange[];
      expect(applyAll(after, undo)).toEqual(before);
    }
  });

  it('inserts at a given place (an undo of a removal), refusing a place the rule does not have', () => {
    const after = applyChange(route([90, 10]), { ...add({ name: 'cart-v3', port: 8080 }), at: 1 });
    expect(backends(after).map((b) => b.name)).toEqual(['cart-v1', 'cart-v3', 'cart-v2']);
    expect(() => applyChange(route([90, 10]), { ...add({ name: 'cart-v3', port: 8080 }), at: 3 })).toThrow(
      /at must be 0 to 2/,
    );
  });

  it('adds another namespace’s Service and an Istio Hostname backend', () => {
    const other = applyChange(route([1]), add({ name: 'cart', namespace: 'payments', port: 80 }));
    expect(backends(other)[1]).toEqual({ name: 'cart', namespace: 'payments', port: 80, weight: 0 });
    const host = applyChange(
      route([1]),
      add({ group: 'networking.istio.io', kind: 'Hostname', name: 'api.example.com', port: 443 }),
    );
    expect(backends(host)[1]).toMatchObject({ kind: 'Hostname', name: 'api.example.com', weight: 0 });
  });

  it('refuses what cannot be written, naming the field or the reason', () => {
    const object = route([90, 10]);
    const refused = (change: AddBackend, message: RegExp) =>
      expect(() => applyChange(object, change)).toThrow(message);
    refused(add({ name: 'cart-v2', port: 8080 }), /already sends to cart-v2:8080/);
    refused(add({ name: 'cart-v2', namespace: 'shop', port: 8080 }), /already sends to/);
    refused(add({ name: 'cart-v3' }), /backendRef\.port is required for a Service/);
    refused(add({ name: 'Cart V3', port: 8080 }), /backendRef\.name/);
    refused(add({ name: 'cart-v3', port: 70000 }), /backendRef\.port/);
    refused(add({ name: 'cart-v3', namespace: '../x', port: 80 }), /backendRef\.namespace/);
    refused(add({ name: 'cart-v3', kind: 'Serv ice', port: 80 }), /backendRef\.kind/);
    refused(add({ name: 'cart-v3', group: 'A/B', port: 80 }), /backendRef\.group/);
    refused(
      add({
        group: 'networking.istio.io',
        kind: 'Hostname',
        namespace: 'shop',
        name: 'api.example.com',
        port: 443,
      }),
      /backendRef\.namespace may not be set on an Istio Hostname/,
    );
    refused(add({ name: 'cart-v3', port: 8080 }, 5), /has no rules\[5\] \(it has 2 rules\)/);
    refused(
      add({ group: 'networking.istio.io', kind: 'Hostname', name: 'api.example.com' }),
      /backendRef\.port is required for an Istio Hostname backend/,
    );
    refused(
      add({ group: 'core', name: 'cart-v3', port: 80 }),
      /backendRef\.group "core" is not the core group/,
    );
    refused(add({ name: 'cart.v3', port: 80 }), /backendRef\.name must be a Service name/);
    refused(add({ name: '3cart', port: 80 }), /backendRef\.name must be a Service name/);
    const header = {
      type: 'RequestHeaderModifier',
      requestHeaderModifier: { set: [{ name: 'x', value: '1' }] },
    };
    refused(
      add({ name: 'cart-v3', port: 8080, filters: [{ ...header, urlRewrite: {} } as never] }),
      /backendRef\.filters\[0\]\.urlRewrite is not a field of a RequestHeaderModifier filter/,
    );
    refused(
      add({ name: 'cart-v3', port: 8080, filters: [{ type: 'Teleport', teleport: {} } as never] }),
      /backendRef\.filters\[0\]\.type must be one of/,
    );
    refused(
      add({ name: 'cart-v3', port: 8080, filters: [{ type: 'RequestHeaderModifier' } as never] }),
      /requestHeaderModifier is required/,
    );
    // The HTTPRoute CRD takes URLRewrite on a backendRef's own filters: so does Weir.
    const rewrite = { type: 'URLRewrite', urlRewrite: { hostname: 'x.example.com' } };
    expect(
      backends(
        applyChange(object, add({ name: 'cart-v3', port: 8080, filters: [header, rewrite] as never })),
      )[2],
    ).toEqual({ name: 'cart-v3', port: 8080, weight: 0, filters: [header, rewrite] });
    refused(add({ name: 'cart-v3', port: 8080, filters: [{ nonsense: true } as never] }), /filters/);
    expect(() => applyChange(route([0, 0]), add({ name: 'cart-v3', port: 8080 }))).toThrow(
      /weights are all 0/,
    );
    const redirecting: GwHTTPRoute = {
      ...object,
      spec: {
        ...object.spec,
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }],
      },
    };
    expect(() => applyChange(redirecting, add({ name: 'cart-v3', port: 8080 }))).toThrow(/redirects/);
    expect(() =>
      applyChange(object, {
        ...add({ name: 'cart-v3', port: 8080 }),
        target: { ...target, kind: 'GRPCRoute' },
      }),
    ).toThrow(/targets GRPCRoute/);
  });

  it('rebases only onto the same rule with the same backends', () => {
    const change = add({ name: 'cart-v3', port: 8080 });
    expect(rebaseChange(change, route([90, 10]), route([50, 50], '2'))).toEqual(change);
    expect(rebaseChange(change, route([90, 10]), route([90, 10, 0], '2'))).toBeUndefined();
  });

  it('describes the addition', () => {
    expect(describeChange(add({ name: 'cart-v3', port: 8080 }), route([90, 10]))).toBe(
      'cart rules[0]: add cart-v3:8080 at 0%',
    );
  });
});

describe('RemoveBackend', () => {
  it('removes the backend, the others exactly as written (their shares follow by themselves)', () => {
    const after = applyChange(route([80, 10, 10]), remove(1));
    expect(backends(after)).toEqual([
      { name: 'cart-v1', port: 8080, weight: 80 },
      { name: 'cart-v3', port: 8080, weight: 10 },
    ]);
    expect(describeChange(remove(1), route([80, 10, 10]))).toBe(
      'cart rules[0]: remove cart-v2:8080 (10%), cart-v1:8080 80% → 89%, cart-v3:8080 10% → 11%',
    );
  });

  it('keeps the others’ weights, and its inverse puts the rule back as written (property)', () => {
    fc.assert(
      fc.property(
        weights.filter((ws) => ws.length > 1),
        fc.nat(),
        (ws, pick) => {
          const at = pick % ws.length;
          const before = route(ws);
          let after: MeshObject;
          try {
            after = applyChange(before, remove(at));
          } catch (error) {
            // The only refusal here: the others would all be at 0 while it carries traffic.
            const others = ws.filter((_, i) => i !== at);
            expect(backendShares(others).every((s) => s === 0)).toBe(true);
            expect(String(error)).toMatch(/weight 0/);
            return;
          }
          expect(backends(after)).toEqual(backends(before).filter((_, i) => i !== at));
          const undone = applyAll(after, invertChange(remove(at), before) as MeshChange[]);
          // Back at its place, with its weight as written (none where it had none).
          expect(undone).toEqual(before);
        },
      ),
    );
  });

  it('refuses the last backend and an index it does not have, saying why', () => {
    expect(() => applyChange(route([100]), remove(0))).toThrow(
      /only this backend: a rule must send its traffic somewhere/,
    );
    expect(() => applyChange(route([90, 10]), remove(2))).toThrow(/has no backendRef 2 \(it has 2\)/);
    expect(() => applyChange(route([0, 1]), remove(1))).toThrow(/would answer every request with 500/);
    // A backend at 0 beside others at 0 carries nothing: removing it changes no traffic.
    expect(backends(applyChange(route([0, 0, 1]), remove(0)))).toHaveLength(2);
    // All at 0: refused, as AddBackend (the undo of the removal) refuses such a rule.
    expect(() => applyChange(route([0, 0]), remove(0))).toThrow(/all at weight 0: set its weights first/);
    expect(() => applyChange(route([0, 0]), add({ name: 'cart-v3', port: 8080 }))).toThrow(/all 0/);
  });

  it('puts back a removed backend’s own filters on undo', () => {
    const before = route([50, 50]);
    const withFilter: GwHTTPRoute = {
      ...before,
      spec: {
        ...before.spec,
        rules: [
          {
            backendRefs: [
              { name: 'cart-v1', port: 8080, weight: 50 },
              {
                name: 'cart-v2',
                port: 8080,
                weight: 50,
                filters: [
                  {
                    type: 'RequestHeaderModifier',
                    requestHeaderModifier: { set: [{ name: 'x', value: '1' }] },
                  },
                ],
              },
            ],
          },
        ],
      },
    };
    const after = applyChange(withFilter, remove(1));
    const undone = applyAll(after, invertChange(remove(1), withFilter) as MeshChange[]);
    expect(undone).toEqual(withFilter);
  });

  it('rebases only from the same rule with the same backends', () => {
    expect(rebaseChange(remove(1), route([90, 10]), route([50, 50], '2'))).toEqual(remove(1));
    expect(rebaseChange(remove(1), route([90, 10]), route([90, 10, 5], '2'))).toBeUndefined();
  });

  it('does not rebase onto another rule that took that place with the same backends', () => {
    const base = route([90, 10]);
    const rules = base.spec.rules ?? [];
    // Rules reordered meanwhile: rules[0] is now a rule with other matches and the same backends.
    const moved: GwHTTPRoute = {
      ...route([90, 10], '2'),
      spec: {
        ...base.spec,
        rules: [{ ...rules[0], matches: [{ path: { type: 'PathPrefix', value: '/admin' } }] }, ...rules],
      },
    };
    expect(rebaseChange(remove(1), base, moved)).toBeUndefined();
    expect(rebaseChange(add({ name: 'cart-v3', port: 8080 }), base, moved)).toBeUndefined();
    const renamed: GwHTTPRoute = {
      ...route([90, 10], '2'),
      spec: { ...base.spec, rules: [{ ...rules[0], name: 'admin' }, ...rules.slice(1)] },
    };
    expect(rebaseChange(remove(1), base, renamed)).toBeUndefined();
  });

  it('reads a backend the same whether its defaults are written or not (one identity)', () => {
    const base = route([90, 10]);
    const spelled: GwHTTPRoute = {
      ...route([90, 10], '2'),
      spec: {
        ...base.spec,
        rules: [
          {
            ...base.spec.rules?.[0],
            backendRefs: backends(base).map((b) => ({ ...b, group: '', kind: 'Service', namespace: 'shop' })),
          },
          ...(base.spec.rules ?? []).slice(1),
        ],
      },
    };
    expect(rebaseChange(remove(1), base, spelled)).toEqual(remove(1));
    const weigh: MeshChange = {
      kind: 'SetBackendWeights',
      target,
      routeKind: 'rules',
      routeIndex: 0,
      weights: [70, 30],
    };
    expect(rebaseChange(weigh, base, spelled)).toEqual(weigh);
  });
});

describe('AddBackend and RemoveBackend on the other route kinds', () => {
  it.each(['GRPCRoute', 'TCPRoute', 'TLSRoute'] as const)('add and remove a backend of a %s rule', (kind) => {
    const object = {
      kind,
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: { name: 'cart', namespace: 'shop', resourceVersion: '1' },
      spec: { parentRefs: [{ name: 'edge' }], rules: [{ backendRefs: [{ name: 'cart-v1', port: 8080 }] }] },
    } as unknown as MeshObject;
    const on = { ...target, kind };
    const added = applyChange(object, { ...add({ name: 'cart-v2', port: 8080 }), target: on });
    expect(backends(added)).toEqual([
      { name: 'cart-v1', port: 8080 },
      { name: 'cart-v2', port: 8080, weight: 0 },
    ]);
    expect(applyChange(added, { ...remove(1), target: on })).toEqual(object);
    expect(() => applyChange(object, { ...remove(0), target: on })).toThrow(/only this backend/);
    // A backendRef's own filters: a GRPCRoute takes header modifiers, not a URLRewrite; L4 routes none.
    const filters = [{ type: 'URLRewrite', urlRewrite: { hostname: 'x' } }] as never;
    expect(() =>
      applyChange(object, { ...add({ name: 'cart-v2', port: 8080, filters }), target: on }),
    ).toThrow(kind === 'GRPCRoute' ? /filters\[0\]\.type must be one of/ : /backendRef has no filters/);
  });
});
