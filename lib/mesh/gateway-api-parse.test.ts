import { describe, expect, it } from 'vitest';
import { keyOf } from './object-key';
import { parseObject, toManifest } from './parse';
import type { MeshObject } from './types';

const route = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'split', namespace: 'shop' },
  spec: {
    parentRefs: [{ name: 'edge', sectionName: 'https' }],
    hostnames: ['shop.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/cart' }, method: 'GET' }],
        filters: [
          {
            type: 'URLRewrite',
            urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
          },
        ],
        backendRefs: [
          { name: 'cart-v1', port: 8080, weight: 90 },
          { name: 'cart-v2', port: 8080, weight: 10, extra: 'kept' },
        ],
      },
    ],
  },
  status: { parents: [{ parentRef: { name: 'edge' }, conditions: [{ type: 'Accepted', status: 'True' }] }] },
};

describe('parseObject: the Gateway API', () => {
  it('holds a Gateway API Gateway as KubernetesGateway, apart from an Istio Gateway of the same name', () => {
    const gateway = parseObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'shop' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    });
    const istio = parseObject({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'shop' },
      spec: {},
    });
    expect(gateway).toMatchObject({ kind: 'KubernetesGateway', spec: { listeners: [{ port: 80 }] } });
    expect(istio?.kind).toBe('Gateway');
    expect(keyOf(gateway as MeshObject)).not.toBe(keyOf(istio as MeshObject));
    expect(toManifest(gateway as MeshObject).kind).toBe('Gateway');
  });

  it('reads an HTTPRoute whole: rules, matches, filters, weights, status and unknown fields', () => {
    const parsed = parseObject(route) as MeshObject;
    expect(parsed).toMatchObject({ kind: 'HTTPRoute', spec: route.spec, status: route.status });
    expect(parseObject(toManifest(parsed))).toEqual(parsed);
  });

  it.each([
    ['GRPCRoute', 'v1', { rules: [{ matches: [{ method: { service: 'com.example', method: 'Login' } }] }] }],
    ['TCPRoute', 'v1alpha2', { rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] }],
    [
      'TLSRoute',
      'v1alpha2',
      { hostnames: ['a.example.com'], rules: [{ backendRefs: [{ name: 'a', port: 443 }] }] },
    ],
    [
      'ReferenceGrant',
      'v1beta1',
      { from: [{ group: '', kind: 'HTTPRoute', namespace: 'a' }], to: [{ group: '', kind: 'Service' }] },
    ],
    ['GatewayClass', 'v1', { controllerName: 'istio.io/gateway-controller' }],
  ])('reads a %s in %s', (kind, version, spec) => {
    const parsed = parseObject({
      apiVersion: `gateway.networking.k8s.io/${version}`,
      kind,
      metadata: { name: 'x', namespace: 'ns' },
      spec,
    });
    expect(parsed).toMatchObject({ kind, spec });
  });

  it('names the field when a route is malformed, and an unknown version', () => {
    const bad = parseObject({ ...route, spec: { rules: [{ backendRefs: [{ name: 'a', weight: 'ten' }] }] } });
    expect(bad).toMatchObject({ kind: 'Invalid', ofKind: 'HTTPRoute' });
    expect(bad?.kind === 'Invalid' && bad.reason).toContain('spec.rules[0].backendRefs[0].weight');
    const old = parseObject({ ...route, apiVersion: 'gateway.networking.k8s.io/v0' });
    expect(old?.kind === 'Invalid' && old.reason).toContain('not a version Weir reads');
  });

  it('leaves other kinds of the group alone', () => {
    expect(parseObject({ ...route, kind: 'BackendTLSPolicy' })).toBeUndefined();
    expect(
      parseObject({ ...route, kind: 'KubernetesGateway', apiVersion: 'networking.istio.io/v1' }),
    ).toBeUndefined();
  });
});
