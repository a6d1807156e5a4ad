import { describe, expect, it } from 'vitest';
import { validate } from '../validate/validate';
import { snapshotFromYaml } from '../validate/yaml-fixtures';
import { keyOf } from './object-key';
import { parseObject } from './parse';
import { referenceGrantFor, referenceGrantsFor } from './reference-grant-template';
import type { MeshObject } from './types';

const route = parseObject({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'cart', namespace: 'shop' },
  spec: {
    rules: [
      {
        backendRefs: [
          { name: 'cart-v1', port: 8080 },
          { name: 'cart-v2', namespace: 'payments', port: 8080 },
        ],
      },
    ],
  },
}) as MeshObject;

describe('referenceGrantFor', () => {
  it('grants the route kind of its namespace the one Service, in the Service namespace', () => {
    expect(referenceGrantFor(route, 'spec.rules[0].backendRefs[1]')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-shop-httproutes', namespace: 'payments' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
        to: [{ group: '', kind: 'Service', name: 'cart-v2' }],
      },
    });
  });

  it('offers nothing for a reference inside the namespace, or a path that is no reference', () => {
    expect(referenceGrantFor(route, 'spec.rules[0].backendRefs[0]')).toBeUndefined();
    expect(referenceGrantFor(route, 'spec.rules[0]')).toBeUndefined();
    expect(referenceGrantFor(route, 'spec.rules[7].backendRefs[3]')).toBeUndefined();
  });

  it('the grant it makes clears the finding (backendRef and certificateRef)', () => {
    const text = (extra: string) => `
apiVersion: v1
kind: Service
metadata: { name: cart-v2, namespace: payments }
spec: { ports: [{ name: http, port: 8080 }] }
---
apiVersion: v1
kind: Namespace
metadata: { name: certs }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: shop }
spec:
  listeners:
    - { name: https, port: 443, protocol: HTTPS, tls: { certificateRefs: [{ name: tls, namespace: certs }] } }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: cart, namespace: shop }
spec:
  parentRefs: [{ name: edge }]
  rules: [{ backendRefs: [{ name: cart-v2, namespace: payments, port: 8080 }] }]
${extra}`;
    const before = snapshotFromYaml([{ file: 'a.yaml', text: text('') }]);
    const refused = validate(before).filter((f) => f.code.endsWith('_NOT_PERMITTED'));
    expect(refused.map((f) => f.code).sort()).toEqual([
      'GWAPI_CERTIFICATE_NOT_PERMITTED',
      'GWAPI_REFERENCE_NOT_PERMITTED',
    ]);
    for (const finding of refused) {
      const object = before.objects[
        `${finding.ref.kind}/${finding.ref.namespace}/${finding.ref.name}`
      ] as MeshObject;
      const [grant] = referenceGrantsFor(object, finding.path);
      const made = parseObject(grant as Record<string, unknown>) as MeshObject;
      const after = { ...before, objects: { ...before.objects, [keyOf(made)]: made } };
      expect(validate(after).filter((f) => f.code === finding.code)).toEqual([]);
    }
  });
});

describe('referenceGrantsFor on a Gateway as a whole (its node, no path)', () => {
  it('offers one grant per namespace of certificate Secrets, naming each Secret once; none for its own', () => {
    const gateway = parseObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'shop' },
      spec: {
        listeners: [
          {
            name: 'a',
            port: 443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ name: 'a', namespace: 'certs' }] },
          },
          {
            name: 'b',
            port: 8443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ name: 'own' }, { name: 'a', namespace: 'certs' }] },
          },
          {
            name: 'c',
            port: 9443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ name: 'c', namespace: 'other' }] },
          },
          {
            name: 'd',
            port: 9444,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ name: 'd', namespace: 'certs' }] },
          },
        ],
      },
    }) as MeshObject;
    const grants = referenceGrantsFor(gateway, undefined);
    expect(
      grants.map((g) => `${g.metadata.namespace}: ${g.spec.to.map((t) => `${t.kind}/${t.name}`).join(' ')}`),
    ).toEqual(['certs: Secret/a Secret/d', 'other: Secret/c']);
    expect(grants[0]?.spec.from).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'shop' },
    ]);
    expect(referenceGrantsFor(route, undefined)).toEqual([]);
  });
});
