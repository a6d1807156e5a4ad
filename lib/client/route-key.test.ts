import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightsChange } from '../mesh/changes/weights-change';
import { GATEWAY_ROUTE_KINDS } from '../mesh/gateway-api-types';
import type { RouteAddress } from '../mesh/route-address';
import type { Kind } from '../mesh/types';
import { ApiError } from './api-error';
import { routeKeyOfChange } from './route-key';
import { WriteStatusStore } from './write-status';

const KINDS: readonly Kind[] = ['VirtualService', ...GATEWAY_ROUTE_KINDS];

/** Route `index` of `kind` `namespace/name`: a VirtualService's http route, a Gateway API rule. */
function address(kind: Kind, namespace: string, name: string, index: number): RouteAddress {
  return {
    ref: { kind, namespace, name },
    routeKind: kind === 'VirtualService' ? 'http' : 'rules',
    routeIndex: index,
  };
}

// Two routes alike in all but their object's kind.
const twoKinds = fc
  .record({
    kinds: fc.uniqueArray(fc.constantFrom(...KINDS), { minLength: 2, maxLength: 2 }),
    namespace: fc.constantFrom('shop', 'default'),
    name: fc.constantFrom('frontend', 'cart'),
    index: fc.nat(3),
  })
  .map(({ kinds: [a, b], namespace, name, index }) => [
    address(a as Kind, namespace, name, index),
    address(b as Kind, namespace, name, index),
  ]);

describe('routes that differ only by kind', () => {
  it('never share a route key, so never a write status', () => {
    fc.assert(
      fc.property(twoKinds, ([one, other]) => {
        const mine = weightsChange(one as RouteAddress, [70, 30]);
        const theirs = weightsChange(other as RouteAddress, [50, 50]);
        expect(routeKeyOfChange(mine)).not.toBe(routeKeyOfChange(theirs));
        const store = new WriteStatusStore();
        store.begin(routeKeyOfChange(mine));
        expect(store.get(routeKeyOfChange(theirs))).toBeUndefined();
        store.fail(routeKeyOfChange(mine), new ApiError('Conflict', 409, 'changed'), mine);
        expect(store.get(routeKeyOfChange(mine))?.state).toBe('error');
        expect(store.get(routeKeyOfChange(theirs))).toBeUndefined();
      }),
    );
  });

  it('keeps a whole-spec edit of one object apart from another kind of the same name', () => {
    const spec = (kind: Kind) =>
      routeKeyOfChange({ kind: 'SetSpec', target: { kind, namespace: 'shop', name: 'frontend' }, spec: {} });
    expect(spec('HTTPRoute')).toBe('HTTPRoute/shop/frontend/spec');
    expect(spec('HTTPRoute')).not.toBe(spec('GRPCRoute'));
  });
});
