import { describe, expect, it } from 'vitest';
import {
  attachedListeners,
  backendShares,
  listenerAllows,
  parentTarget,
  sharedHostnames,
} from './gateway-api';

describe('backendShares: relative weights as whole percentages', () => {
  it.each([
    [
      [90, 10],
      [90, 10],
    ],
    [
      [9, 1],
      [90, 10],
    ],
    [
      [1, 1, 2],
      [25, 25, 50],
    ],
    [
      [undefined, undefined],
      [50, 50],
    ],
    [
      [1, 1, 1],
      [34, 33, 33],
    ],
    [
      [0, 5],
      [0, 100],
    ],
    [
      [0, 0],
      [0, 0],
    ],
  ])('%j → %j', (weights, shares) => {
    expect(backendShares(weights)).toEqual(shares);
  });
});

describe('sharedHostnames (the spec’s hostname intersection)', () => {
  it('takes every route hostname on a listener without one, and the listener’s for a route without', () => {
    expect(sharedHostnames(undefined, ['a.example.com'])).toEqual(['a.example.com']);
    expect(sharedHostnames('*.example.com', [])).toEqual(['*.example.com']);
    expect(sharedHostnames(undefined, [])).toEqual(['*']);
  });
  it('keeps the narrower of each pair that meets, and nothing from another domain', () => {
    expect(sharedHostnames('*.example.com', ['test.example.com', 'test.example.net'])).toEqual([
      'test.example.com',
    ]);
    expect(sharedHostnames('foo.example.com', ['*.example.com'])).toEqual(['foo.example.com']);
    expect(sharedHostnames('*.example.com', ['a.b.example.com'])).toEqual(['a.b.example.com']);
    expect(sharedHostnames('*.example.com', ['example.com'])).toEqual([]);
  });
});

describe('listenerAllows and attachedListeners', () => {
  const labels = (namespace: string): Record<string, string> =>
    namespace === 'store' ? { access: 'true' } : {};
  it('allows the Gateway’s own namespace by default, and the protocol’s route kinds', () => {
    const http = { name: 'http', port: 80, protocol: 'HTTP' };
    expect(listenerAllows(http, 'infra', 'HTTPRoute', 'infra', labels)).toBe(true);
    expect(listenerAllows(http, 'infra', 'GRPCRoute', 'infra', labels)).toBe(true);
    expect(listenerAllows(http, 'infra', 'HTTPRoute', 'store', labels)).toBe(false);
    expect(listenerAllows(http, 'infra', 'TCPRoute', 'infra', labels)).toBe(false);
  });
  it('follows All, Selector and explicit kinds', () => {
    const selector = {
      protocol: 'HTTP',
      allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { access: 'true' } } } },
    };
    expect(listenerAllows(selector, 'infra', 'HTTPRoute', 'store', labels)).toBe(true);
    expect(listenerAllows(selector, 'infra', 'HTTPRoute', 'other', labels)).toBe(false);
    const all = {
      protocol: 'HTTPS',
      allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] },
    };
    expect(listenerAllows(all, 'infra', 'GRPCRoute', 'other', labels)).toBe(true);
    expect(listenerAllows(all, 'infra', 'HTTPRoute', 'other', labels)).toBe(false);
  });
  it('attaches through sectionName and port, where hostnames meet', () => {
    const listeners = [
      { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' },
      { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'foo.example.com' },
    ];
    const route = { kind: 'HTTPRoute', namespace: 'infra', hostnames: ['foo.example.com'] };
    const names = (parent: Record<string, unknown>) =>
      attachedListeners(listeners, parentTarget(parent, 'infra'), route, labels).map((l) => l.name);
    expect(names({ name: 'gw' })).toEqual(['http', 'https']);
    expect(names({ name: 'gw', sectionName: 'https' })).toEqual(['https']);
    expect(names({ name: 'gw', port: 80 })).toEqual(['http']);
    expect(names({ name: 'gw', sectionName: 'missing' })).toEqual([]);
    expect(
      attachedListeners(
        listeners,
        parentTarget({ name: 'gw' }, 'infra'),
        { ...route, hostnames: ['bar.example.net'] },
        labels,
      ),
    ).toEqual([]);
  });
  it('fills in the parentRef’s defaults', () => {
    expect(parentTarget({ name: 'gw' }, 'shop')).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'shop',
      name: 'gw',
    });
  });
});
