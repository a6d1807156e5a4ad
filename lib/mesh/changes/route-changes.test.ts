import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../errors';
import type { HTTPRoute, VirtualService } from '../types';
import { applyChange, type MeshChange } from './kinds';
import { checkout, checkoutRule, shopGateway, targets } from './test-objects';

const jason: HTTPRoute = {
  name: 'jason',
  match: [{ headers: { 'end-user': { exact: 'jason' } } }],
  route: [{ destination: { host: 'checkout', subset: 'v2' } }],
};
const http = (object: unknown) => (object as VirtualService).spec.http ?? [];
const frozen = <T>(value: T): T => structuredClone(value);

describe('applyChange: route changes', () => {
  it('AddRoute inserts above the default route, keeping the rest', () => {
    const next = applyChange(checkout, {
      kind: 'AddRoute',
      target: targets.checkout,
      routeKind: 'http',
      index: 0,
      route: jason,
    });
    expect(http(next).map((r) => r.name)).toEqual(['jason', 'beta-testers', 'default']);
    expect((next.spec as Record<string, unknown>).futureSpecField).toEqual(['kept']);
    expect(http(next)[2]).toBe(checkout.spec.http?.[1]);
  });

  it('SetRoute replaces one route whole, and only that one', () => {
    const route = { ...checkout.spec.http?.[1], timeout: '5s' } as HTTPRoute;
    const next = applyChange(checkout, {
      kind: 'SetRoute',
      target: targets.checkout,
      routeKind: 'http',
      routeIndex: 1,
      route,
    });
    expect(http(next)[1]).toMatchObject({ timeout: '5s', futureField: { keep: true } });
    expect(http(next)[0]).toBe(checkout.spec.http?.[0]);
  });

  it('RemoveRoute drops one route; removing the last leaves no empty list', () => {
    const once = applyChange(checkout, {
      kind: 'RemoveRoute',
      target: targets.checkout,
      routeKind: 'tcp',
      routeIndex: 0,
    }) as VirtualService;
    expect('tcp' in once.spec).toBe(false);
    expect(once.spec.http).toBe(checkout.spec.http);
  });

  it('MoveRoute puts a route where it is asked', () => {
    const next = applyChange(checkout, {
      kind: 'MoveRoute',
      target: targets.checkout,
      routeKind: 'http',
      from: 1,
      to: 0,
    });
    expect(http(next).map((r) => r.name)).toEqual(['default', 'beta-testers']);
  });

  it('SetSpec replaces the spec of a DestinationRule and of a Gateway', () => {
    const rule = applyChange(checkoutRule, {
      kind: 'SetSpec',
      target: targets.checkoutRule,
      spec: {
        ...checkoutRule.spec,
        trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5, baseEjectionTime: '30s' } },
      },
    });
    expect(rule.spec).toMatchObject({
      host: 'checkout',
      trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5 } },
    });
    const gateway = applyChange(shopGateway, {
      kind: 'SetSpec',
      target: targets.shopGateway,
      spec: { ...shopGateway.spec, selector: { istio: 'other' } },
    });
    expect(gateway.spec).toMatchObject({ selector: { istio: 'other' } });
    expect(gateway.metadata).toBe(shopGateway.metadata);
  });

  it.each<[string, MeshChange, RegExp]>([
    [
      'an index past the end',
      { kind: 'RemoveRoute', target: targets.checkout, routeKind: 'http', routeIndex: 5 },
      /no http\[5\]/,
    ],
    [
      'a place past the end',
      { kind: 'AddRoute', target: targets.checkout, routeKind: 'http', index: 4, route: jason },
      /0 to 2/,
    ],
    [
      'another object',
      { kind: 'SetSpec', target: targets.checkoutRule, spec: {} },
      /targets DestinationRule/,
    ],
    [
      'a bad duration',
      {
        kind: 'SetRoute',
        target: targets.checkout,
        routeKind: 'http',
        routeIndex: 0,
        route: { ...jason, timeout: '5 seconds' },
      },
      /http\[0\]\.timeout: "5 seconds" is not a duration/,
    ],
    [
      'a bad regex',
      {
        kind: 'AddRoute',
        target: targets.checkout,
        routeKind: 'http',
        index: 0,
        route: { match: [{ uri: { regex: '/(a' } }], route: jason.route },
      },
      /http\[0\]\.match\[0\]\.uri\.regex: not a valid regular expression/,
    ],
    [
      'a percentage over 100',
      {
        kind: 'SetRoute',
        target: targets.checkout,
        routeKind: 'http',
        routeIndex: 0,
        route: { ...jason, mirror: { host: 'checkout' }, mirrorPercentage: { value: 120 } },
      },
      /mirrorPercentage\.value: a percentage is from 0 to 100/,
    ],
    [
      'a wrongly typed field',
      {
        kind: 'SetRoute',
        target: targets.checkout,
        routeKind: 'http',
        routeIndex: 0,
        route: { ...jason, timeout: 5 } as never,
      },
      /timeout/,
    ],
  ])('refuses %s with a clear message', (_, change, message) => {
    expect(() => applyChange(checkout, change)).toThrow(InvalidError);
    expect(() => applyChange(checkout, change)).toThrow(message);
  });

  it('refuses duplicate subset names and ports out of range', () => {
    expect(() =>
      applyChange(checkoutRule, {
        kind: 'SetSpec',
        target: targets.checkoutRule,
        spec: { host: 'checkout', subsets: [{ name: 'v1' }, { name: 'v1' }] },
      }),
    ).toThrow(/subset name v1 is used more than once/);
    expect(() =>
      applyChange(shopGateway, {
        kind: 'SetSpec',
        target: targets.shopGateway,
        spec: { servers: [{ port: { number: 70000, protocol: 'HTTP', name: 'x' }, hosts: ['a'] }] },
      }),
    ).toThrow(/port is a whole number from 1 to 65535/);
  });

  it('does not refuse an edit for a mistake that was already there', () => {
    const broken = {
      ...checkout,
      spec: { ...checkout.spec, http: [{ ...jason, timeout: 'soon' }] },
    } as VirtualService;
    const next = applyChange(broken, {
      kind: 'AddRoute',
      target: targets.checkout,
      routeKind: 'http',
      index: 1,
      route: { route: jason.route },
    });
    expect(http(next)).toHaveLength(2);
  });
});

describe('applyChange: route changes, properties', () => {
  const routeNames = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 6 });
  const vsWith = (names: string[]): VirtualService => ({
    ...checkout,
    spec: {
      ...checkout.spec,
      http: names.map(
        (name) => ({ name, route: [{ destination: { host: name } }], extra: { name } }) as HTTPRoute,
      ),
    },
  });

  it('never mutates its input and keeps every field outside the route list', () => {
    fc.assert(
      fc.property(
        routeNames,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('add', 'remove', 'move', 'set'),
        (names, x, y, op) => {
          const vs = vsWith(names);
          const copy = frozen(vs);
          const n = names.length;
          const change: MeshChange =
            op === 'add'
              ? {
                  kind: 'AddRoute',
                  target: targets.checkout,
                  routeKind: 'http',
                  index: x % (n + 1),
                  route: jason,
                }
              : op === 'remove'
                ? { kind: 'RemoveRoute', target: targets.checkout, routeKind: 'http', routeIndex: x % n }
                : op === 'move'
                  ? { kind: 'MoveRoute', target: targets.checkout, routeKind: 'http', from: x % n, to: y % n }
                  : {
                      kind: 'SetRoute',
                      target: targets.checkout,
                      routeKind: 'http',
                      routeIndex: x % n,
                      route: jason,
                    };
          const next = applyChange(vs, change) as VirtualService;
          expect(vs).toEqual(copy);
          const { http: _a, ...rest } = next.spec;
          const { http: _b, ...restBefore } = vs.spec;
          expect(rest).toEqual(restBefore);
          expect(next.metadata).toBe(vs.metadata);
          // Every route that was not the one removed or replaced is still there, whole.
          const kept = (next.spec.http ?? []).filter((r) => r.name !== 'jason');
          for (const route of kept) expect(vs.spec.http).toContain(route);
        },
      ),
    );
  });

  it('moving a route keeps the same routes, and moving it back restores the order', () => {
    fc.assert(
      fc.property(routeNames, fc.nat(), fc.nat(), (names, x, y) => {
        const vs = vsWith(names);
        const from = x % names.length;
        const to = y % names.length;
        const moved = applyChange(vs, {
          kind: 'MoveRoute',
          target: targets.checkout,
          routeKind: 'http',
          from,
          to,
        });
        expect(
          http(moved)
            .map((r) => r.name)
            .sort(),
        ).toEqual([...names].sort());
        const back = applyChange(moved, {
          kind: 'MoveRoute',
          target: targets.checkout,
          routeKind: 'http',
          from: to,
          to: from,
        });
        expect(http(back).map((r) => r.name)).toEqual(names);
      }),
    );
  });
});
