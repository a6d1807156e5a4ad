import { describe, expect, it } from 'vitest';
import type { VirtualService } from '../types';
import { type MeshChange, rebaseChange } from './kinds';
import { checkout, checkoutRule, targets } from './test-objects';

const withRoute = (index: number, timeout: string): VirtualService => ({
  ...checkout,
  metadata: { ...checkout.metadata, resourceVersion: '99' },
  spec: { ...checkout.spec, http: checkout.spec.http?.map((r, i) => (i === index ? { ...r, timeout } : r)) },
});
const setRoute: MeshChange = {
  kind: 'SetRoute',
  target: targets.checkout,
  routeKind: 'http',
  routeIndex: 1,
  route: { name: 'default', route: [{ destination: { host: 'checkout', subset: 'v1' } }], timeout: '5s' },
};

describe('rebaseChange: route and spec changes', () => {
  it('SetRoute rebases when its route is unchanged, even when another route changed', () => {
    expect(rebaseChange(setRoute, checkout, withRoute(0, '3s'))).toBe(setRoute);
  });

  it('SetRoute is a conflict when someone changed the same route', () => {
    expect(rebaseChange(setRoute, checkout, withRoute(1, '3s'))).toBeUndefined();
  });

  it('adding, removing and moving need the route list unchanged', () => {
    const move: MeshChange = {
      kind: 'MoveRoute',
      target: targets.checkout,
      routeKind: 'http',
      from: 1,
      to: 0,
    };
    expect(
      rebaseChange(move, checkout, { ...checkout, metadata: { ...checkout.metadata, labels: { a: 'b' } } }),
    ).toBe(move);
    expect(rebaseChange(move, checkout, withRoute(0, '3s'))).toBeUndefined();
    const tcpRemove: MeshChange = {
      kind: 'RemoveRoute',
      target: targets.checkout,
      routeKind: 'tcp',
      routeIndex: 0,
    };
    expect(rebaseChange(tcpRemove, checkout, withRoute(0, '3s'))).toBe(tcpRemove);
  });

  it('SetSpec needs the whole spec unchanged', () => {
    const change: MeshChange = {
      kind: 'SetSpec',
      target: targets.checkoutRule,
      spec: { host: 'checkout' },
    };
    const relabelled = { ...checkoutRule, metadata: { ...checkoutRule.metadata, labels: { team: 'x' } } };
    expect(rebaseChange(change, checkoutRule, relabelled)).toBe(change);
    expect(rebaseChange(change, checkoutRule, { ...checkoutRule, spec: { host: 'other' } })).toBeUndefined();
  });
});
