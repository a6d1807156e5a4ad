import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GwHTTPRoute } from '../gateway-api-types';
import { backendShares } from '../resolve/gateway-api';
import { applyChange, describeChange, invertChange, rebaseChange } from './kinds';
import type { SetBackendWeights } from './set-backend-weights';
import { weightsForShares } from './set-backend-weights';

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
      ],
    },
  };
}

const change = (weights: number[]): SetBackendWeights => ({
  kind: 'SetBackendWeights',
  target: { kind: 'HTTPRoute', namespace: 'shop', name: 'cart' },
  routeKind: 'rules',
  routeIndex: 0,
  weights,
});

const written = (object: unknown) =>
  (object as GwHTTPRoute).spec.rules?.[0]?.backendRefs?.map((b) => b.weight);

describe('SetBackendWeights', () => {
  it('writes integer weights giving the shares, keeping the rule’s total where it can', () => {
    expect(written(applyChange(route([90, 10]), change([70, 30])))).toEqual([70, 30]);
    expect(written(applyChange(route([9, 1]), change([70, 30])))).toEqual([7, 3]);
    expect(written(applyChange(route([1, 1]), change([70, 30])))).toEqual([70, 30]);
    expect(
      written(applyChange(route([undefined, undefined, undefined, undefined]), change([25, 25, 25, 25]))),
    ).toEqual([1, 1, 1, 1]);
  });

  it('keeps everything else of the route and rule', () => {
    const before = route([90, 10]);
    const after = applyChange(before, change([70, 30])) as GwHTTPRoute;
    expect(after.spec.parentRefs).toBe(before.spec.parentRefs);
    expect(after.spec.rules?.[0]?.matches).toBe(before.spec.rules?.[0]?.matches);
    expect(after.spec.rules?.[0]?.backendRefs?.[0]).toMatchObject({ name: 'cart-v1', port: 8080 });
  });

  it('refuses shares that are not whole percentages adding up to 100, and a rule that is not there, naming them', () => {
    expect(() => applyChange(route([90, 10]), change([70, 20]))).toThrow(/add up to 100, got 90/);
    expect(() => applyChange(route([90, 10]), change([70.5, 29.5]))).toThrow(/weights\[0\]/);
    expect(() => applyChange(route([90, 10]), change([100]))).toThrow(/2 backendRefs, got 1 weights/);
    expect(() => applyChange(route([90, 10]), { ...change([70, 30]), routeIndex: 3 })).toThrow(
      /no rules\[3\]/,
    );
    expect(() =>
      applyChange(route([90, 10]), {
        ...change([70, 30]),
        target: { kind: 'GRPCRoute', namespace: 'shop', name: 'cart' },
      }),
    ).toThrow(/targets/);
  });

  it('says what moved, and its inverse puts the weights back as they were written', () => {
    const before = route([9, 1]);
    expect(describeChange(change([70, 30]), before)).toBe(
      'cart rules[0]: cart-v1:8080 90% → 70%, cart-v2:8080 10% → 30%',
    );
    const after = applyChange(before, change([70, 30]));
    const [undo] = invertChange(change([70, 30]), before);
    expect(written(applyChange(after, undo as SetBackendWeights))).toEqual([9, 1]);
  });

  it('an undo restores the spec exactly: no weight where the author wrote none (same shares, same spec)', () => {
    for (const weights of [
      [undefined, undefined],
      [undefined, 3],
      [2, undefined, 2],
      [0, undefined],
    ]) {
      const before = route(weights);
      const after = applyChange(before, change(weights.length === 2 ? [70, 30] : [40, 30, 30]));
      const [undo] = invertChange(change(weights.length === 2 ? [70, 30] : [40, 30, 30]), before);
      expect(applyChange(after, undo as SetBackendWeights)).toEqual(before);
    }
  });

  it('exact weights that no longer give the shares asked for are not written (the total is)', () => {
    const moved = { ...change([70, 30]), written: [null, null] };
    expect(written(applyChange(route([9, 1]), moved))).toEqual([7, 3]);
  });

  it('rebases onto a version where nobody touched the weights, not onto one where somebody did', () => {
    const base = route([90, 10], '1');
    const relabelled = {
      ...route([90, 10], '2'),
      metadata: { ...base.metadata, resourceVersion: '2', labels: { a: 'b' } },
    };
    expect(rebaseChange(change([70, 30]), base, relabelled)).toEqual(change([70, 30]));
    expect(rebaseChange(change([70, 30]), base, route([50, 50], '2'))).toBeUndefined();
  });

  it('does not rebase onto another rule at that place (rules reordered, renamed or rematched)', () => {
    const base = route([90, 10], '1');
    const rule = base.spec.rules?.[0];
    const other = { ...route([90, 10], '2') };
    other.spec = {
      ...other.spec,
      rules: [{ ...rule, matches: [{ path: { type: 'PathPrefix', value: '/x' } }] }],
    };
    expect(rebaseChange(change([70, 30]), base, other)).toBeUndefined();
    const renamed = { ...route([90, 10], '2') };
    renamed.spec = { ...renamed.spec, rules: [{ ...rule, name: 'other' }] };
    expect(rebaseChange(change([70, 30]), base, renamed)).toBeUndefined();
  });

  it('property: any shares adding up to 100 are written as weights with exactly those shares', () => {
    const shares = fc
      .array(fc.nat(100), { minLength: 1, maxLength: 6 })
      .filter((xs) => xs.reduce((a, b) => a + b, 0) > 0)
      .map((xs) => {
        const out = xs.map((x) => Math.floor((x * 100) / xs.reduce((a, b) => a + b, 0)));
        out[0] = (out[0] ?? 0) + 100 - out.reduce((a, b) => a + b, 0);
        return out;
      });
    fc.assert(
      fc.property(shares, fc.integer({ min: 1, max: 1000 }), (wanted, total) => {
        expect(backendShares(weightsForShares(wanted, total))).toEqual(wanted);
      }),
    );
  });
});
