import { describe, expect, it } from 'vitest';
import { InvalidError } from '../errors';
import type { DestinationRule, TCPRoute, TLSRoute, VirtualService } from '../types';
import { applyChange, describeChange, type MeshChange, rebaseChange } from './kinds';
import { checkout, checkoutRule, targets } from './test-objects';

// checkout with a TLS route too, and a field Weir does not know on it.
const withTls: VirtualService = {
  ...checkout,
  spec: {
    ...checkout.spec,
    tls: [
      {
        match: [{ sniHosts: ['checkout.example.com'], port: 443 }],
        route: [{ destination: { host: 'checkout', subset: 'v1' } }],
        futureField: 1,
      } as TLSRoute,
    ],
  },
};
const spec = (object: unknown) => (object as VirtualService).spec as Record<string, unknown>;
const tcp = (object: unknown) => (object as VirtualService).spec.tcp ?? [];
const tls = (object: unknown) => (object as VirtualService).spec.tls ?? [];

describe('TCP and TLS route changes', () => {
  it('SetRoute on a TCP route replaces that route only, keeping every other field', () => {
    const route: TCPRoute = {
      match: [{ port: 31400, destinationSubnets: ['10.0.0.0/8'] }],
      route: [
        { destination: { host: 'checkout', subset: 'v1' }, weight: 80 },
        { destination: { host: 'checkout', subset: 'v2' }, weight: 20 },
      ],
    };
    const next = applyChange(withTls, {
      kind: 'SetRoute',
      target: targets.checkout,
      routeKind: 'tcp',
      routeIndex: 0,
      route,
    });
    expect(tcp(next)).toEqual([route]);
    expect(spec(next).http).toBe(checkout.spec.http);
    expect(spec(next).tls).toBe(withTls.spec.tls);
    expect(spec(next).futureSpecField).toEqual(['kept']);
  });

  it('SetRoute on a TLS route keeps the fields the form sent back untouched', () => {
    const was = withTls.spec.tls?.[0] as TLSRoute;
    const route = { ...was, match: [{ sniHosts: ['checkout.example.com', '*.shop.example.com'] }] };
    const next = applyChange(withTls, {
      kind: 'SetRoute',
      target: targets.checkout,
      routeKind: 'tls',
      routeIndex: 0,
      route,
    });
    expect(tls(next)[0]).toMatchObject({
      futureField: 1,
      match: [{ sniHosts: ['checkout.example.com', '*.shop.example.com'] }],
    });
    expect(tcp(next)).toBe(checkout.spec.tcp);
  });

  it('AddRoute and MoveRoute on TCP routes leave the HTTP and TLS routes as they are', () => {
    const added = applyChange(withTls, {
      kind: 'AddRoute',
      target: targets.checkout,
      routeKind: 'tcp',
      index: 1,
      route: { match: [{ port: 5432 }], route: [{ destination: { host: 'db' } }] },
    });
    expect(tcp(added).map((r) => r.match?.[0]?.port)).toEqual([31400, 5432]);
    const moved = applyChange(added, {
      kind: 'MoveRoute',
      target: targets.checkout,
      routeKind: 'tcp',
      from: 1,
      to: 0,
    });
    expect(tcp(moved).map((r) => r.match?.[0]?.port)).toEqual([5432, 31400]);
    expect(spec(moved).http).toBe(checkout.spec.http);
    expect(spec(moved).tls).toBe(withTls.spec.tls);
  });

  it('refuses a route that brings a bad CIDR or a TLS match without SNI, naming the field', () => {
    const bad = (routeKind: 'tcp' | 'tls', route: TCPRoute | TLSRoute) => () =>
      applyChange(withTls, { kind: 'SetRoute', target: targets.checkout, routeKind, routeIndex: 0, route });
    expect(bad('tcp', { match: [{ destinationSubnets: ['10.0.0.0/33'] }], route: [] })).toThrow(
      /tcp\[0\]\.match\[0\]\.destinationSubnets\[0\]: the prefix length/,
    );
    expect(bad('tls', { match: [{ port: 443 }], route: [] })).toThrow(InvalidError);
    expect(bad('tls', { match: [{ port: 443 }], route: [] })).toThrow(
      /tls\[0\]\.match\[0\]\.sniHosts: a TLS match needs/,
    );
  });

  it('describes TCP and TLS edits in routing words', () => {
    const route: TCPRoute = {
      match: [{ port: 31400 }],
      route: [
        { destination: { host: 'checkout', subset: 'v1' }, weight: 80 },
        { destination: { host: 'checkout', subset: 'v2' }, weight: 20 },
      ],
    };
    expect(
      describeChange(
        { kind: 'SetRoute', target: targets.checkout, routeKind: 'tcp', routeIndex: 0, route },
        withTls,
      ),
    ).toBe('checkout: tcp[0]: destinations checkout → v1 80%, v2 20%');
    expect(
      describeChange(
        {
          kind: 'AddRoute',
          target: targets.checkout,
          routeKind: 'tls',
          index: 0,
          route: {
            match: [{ sniHosts: ['pay.example.com'] }],
            route: [{ destination: { host: 'payments' } }],
          },
        },
        withTls,
      ),
    ).toBe('checkout: new route tls[0] for SNI pay.example.com → payments');
  });

  it('a TLS route change still applies after a conflict when only other routes changed', () => {
    const change: MeshChange = {
      kind: 'SetRoute',
      target: targets.checkout,
      routeKind: 'tls',
      routeIndex: 0,
      route: { match: [{ sniHosts: ['a.example.com'] }] },
    };
    const httpChanged: VirtualService = { ...withTls, spec: { ...withTls.spec, http: [] } };
    expect(rebaseChange(change, withTls, httpChanged)).toBe(change);
    const tlsChanged: VirtualService = {
      ...withTls,
      spec: { ...withTls.spec, tls: [{ match: [{ sniHosts: ['b.example.com'] }] }] },
    };
    expect(rebaseChange(change, withTls, tlsChanged)).toBeUndefined();
  });
});

describe('DestinationRule policy at port and subset level', () => {
  const rule: DestinationRule = {
    ...checkoutRule,
    spec: {
      ...checkoutRule.spec,
      trafficPolicy: { portLevelSettings: [{ port: { number: 8080 }, loadBalancer: { simple: 'RANDOM' } }] },
      futureField: 'kept',
    } as DestinationRule['spec'],
  };

  it('SetSpec with a new port and a subset policy keeps the rest, and says it per port and subset', () => {
    const next = {
      ...rule.spec,
      trafficPolicy: {
        portLevelSettings: [
          { port: { number: 8080 }, loadBalancer: { simple: 'RANDOM' } },
          { port: { number: 9080 }, connectionPool: { tcp: { maxConnections: 100 } } },
        ],
      },
      subsets: [
        {
          name: 'v1',
          labels: { version: 'v1' },
          trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
        },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    };
    const change: MeshChange = { kind: 'SetSpec', target: targets.checkoutRule, spec: next };
    expect((applyChange(rule, change).spec as Record<string, unknown>).futureField).toBe('kept');
    expect(describeChange(change, rule)).toBe(
      'checkout: traffic policy port 9080: new settings (connection pool tcp.maxConnections 100); subset v1: added load balancer LEAST_REQUEST',
    );
  });

  it('refuses a second entry for one port', () => {
    const twice = {
      ...rule.spec,
      trafficPolicy: { portLevelSettings: [{ port: { number: 8080 } }, { port: { number: 8080 } }] },
    };
    expect(() => applyChange(rule, { kind: 'SetSpec', target: targets.checkoutRule, spec: twice })).toThrow(
      /portLevelSettings\[1\]\.port\.number: port 8080 already has settings/,
    );
  });
});
