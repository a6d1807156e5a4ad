import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../validate/validate';
import { snapshotFromYaml } from '../validate/yaml-fixtures';
import { keyOf } from './object-key';
import { parseObject } from './parse';
import {
  freeGrantName,
  grantNamesIn,
  grantSettingIn,
  nextGrantName,
  referenceGrantFor,
  referenceGrantsFor,
} from './reference-grant-template';
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

/** A Gateway API Gateway shop/edge with these listeners. */
const gatewayOf = (listeners: unknown[]) =>
  parseObject({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'shop' },
    spec: { listeners },
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

  it('takes the first free name where a ReferenceGrant of that name is already there (someone else’s)', () => {
    const theirs = parseObject({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-shop-httproutes', namespace: 'payments' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'other' }],
        to: [{ group: '', kind: 'Service' }],
      },
    }) as MeshObject;
    const taken = grantNamesIn({ [keyOf(theirs)]: theirs });
    expect(referenceGrantFor(route, 'spec.rules[0].backendRefs[1]', taken)?.metadata).toEqual({
      name: 'allow-shop-httproutes-2',
      namespace: 'payments',
    });
    // The same name in another namespace takes nothing here.
    expect(
      referenceGrantFor(route, 'spec.rules[0].backendRefs[1]', new Set(['shop/allow-shop-httproutes'])),
    ).toMatchObject({ metadata: { name: 'allow-shop-httproutes' } });
    expect(
      referenceGrantFor(
        route,
        'spec.rules[0].backendRefs[1]',
        new Set(['payments/allow-shop-httproutes', 'payments/allow-shop-httproutes-2']),
      )?.metadata.name,
    ).toBe('allow-shop-httproutes-3');
  });

  it('after a name found taken (a 409), the next name up: -2 after the base, -N+1 after -N', () => {
    expect(nextGrantName('allow-shop-httproutes')).toBe('allow-shop-httproutes-2');
    expect(nextGrantName('allow-shop-httproutes-2')).toBe('allow-shop-httproutes-3');
    expect(nextGrantName('allow-shop-httproutes-9')).toBe('allow-shop-httproutes-10');
    // The namespace's own digits are not Weir's number.
    expect(nextGrantName('allow-team-1-httproutes')).toBe('allow-team-1-httproutes-2');
  });

  it('the names tried after 409s are those freeGrantName would choose next, and stay within 253 characters', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    fc.assert(
      fc.property(label, fc.integer({ min: 1, max: 12 }), (namespace, taken) => {
        const base = `allow-${namespace}-httproutes`;
        const names = new Set<string>();
        let name = freeGrantName(base, 'ns', names);
        for (let i = 0; i < taken; i++) {
          names.add(`ns/${name}`);
          name = nextGrantName(name);
          expect(name).toBe(freeGrantName(base, 'ns', names));
          expect(name.length).toBeLessThanOrEqual(253);
        }
      }),
    );
  });

  it('keeps the kind of a grant from a 63-character namespace', () => {
    const namespace = `n${'s'.repeat(62)}`;
    const base = `allow-${namespace}-httproutes`;
    expect(freeGrantName(base, 'ns', new Set())).toBe(base);
    expect(freeGrantName(base, 'ns', new Set([`ns/${base}`]))).toBe(`${base}-2`);
  });

  it('a free name keeps the kind whole for any namespace name (a DNS subdomain, not a 63-character label), not among those taken', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    fc.assert(
      fc.property(label, fc.array(fc.nat({ max: 6 }), { maxLength: 6 }), (namespace, suffixes) => {
        const base = `allow-${namespace}-httproutes`;
        const first = freeGrantName(base, 'ns', new Set());
        const taken = new Set(suffixes.map((n) => `ns/${n < 2 ? first : `${first}-${n}`}`));
        const name = freeGrantName(base, 'ns', taken);
        expect(taken.has(`ns/${name}`)).toBe(false);
        expect(name.length).toBeLessThanOrEqual(253);
        expect(name).toMatch(new RegExp(`^allow-${namespace}-httproutes(-\\d+)?$`));
      }),
    );
  });

  it('offers no grant for a certificateRef to another kind than a core Secret (Istio reads only Secrets)', () => {
    const gateway = gatewayOf([
      {
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        tls: {
          certificateRefs: [
            { group: 'cert-manager.io', kind: 'Certificate', name: 'shop', namespace: 'certs' },
            { kind: 'ConfigMap', name: 'ca', namespace: 'certs' },
            { group: '', kind: 'Secret', name: 'real', namespace: 'certs' },
          ],
        },
      },
    ]);
    expect(referenceGrantFor(gateway, 'spec.listeners[0].tls.certificateRefs[0]')).toBeUndefined();
    expect(referenceGrantFor(gateway, 'spec.listeners[0].tls.certificateRefs[1]')).toBeUndefined();
    expect(referenceGrantsFor(gateway, undefined).map((g) => g.spec.to)).toEqual([
      [{ group: '', kind: 'Secret', name: 'real' }],
    ]);
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
    const gateway = gatewayOf([
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
    ]);
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

describe('referenceGrantsFor names only the certificateRefs Istio refuses', () => {
  const gateway = gatewayOf([
    {
      name: 'terminate',
      port: 443,
      protocol: 'HTTPS',
      tls: { certificateRefs: [{ name: 'shop-tls', namespace: 'certs' }] },
    },
    {
      name: 'passthrough',
      port: 8443,
      protocol: 'TLS',
      tls: { mode: 'Passthrough', certificateRefs: [{ name: 'raw', namespace: 'certs' }] },
    },
    {
      name: 'granted',
      port: 9443,
      protocol: 'HTTPS',
      tls: { certificateRefs: [{ name: 'ok', namespace: 'other' }] },
    },
  ]);
  const grantThere = parseObject({
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: 'existing', namespace: 'other' },
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'shop' }],
      to: [{ group: '', kind: 'Secret', name: 'ok' }],
    },
  }) as MeshObject;
  const certs = parseObject({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'certs' },
  }) as MeshObject;
  const setting = grantSettingIn({
    [keyOf(gateway)]: gateway,
    [keyOf(grantThere)]: grantThere,
    [keyOf(certs)]: certs,
  });
  const summary = (path?: string) =>
    referenceGrantsFor(gateway, path, setting).map(
      (g) => `${g.metadata.namespace}: ${g.spec.to.map((t) => t.name).join(' ')}`,
    );

  it("leaves out a Passthrough listener's ref and a ref a grant already allows", () => {
    expect(summary()).toEqual(['certs: shop-tls']);
  });

  it('offers nothing for the Passthrough ref or the granted one selected on their own', () => {
    expect(summary('spec.listeners[1].tls.certificateRefs[0]')).toEqual([]);
    expect(summary('spec.listeners[2].tls.certificateRefs[0]')).toEqual([]);
    expect(summary('spec.listeners[0].tls.certificateRefs[0]')).toEqual(['certs: shop-tls']);
  });

  it('offers nothing for a namespace the snapshot holds nothing of (the grant may be there unseen)', () => {
    const unseen = { ...setting, seen: (ns: string) => ns !== 'certs' };
    expect(referenceGrantsFor(gateway, undefined, unseen)).toEqual([]);
  });

  it('is what GWAPI_CERTIFICATE_NOT_PERMITTED is about, ref for ref', () => {
    const snapshot = snapshotFromYaml([
      {
        file: 'a.yaml',
        text: `
apiVersion: v1
kind: Namespace
metadata: { name: certs }
---
apiVersion: v1
kind: Namespace
metadata: { name: other }
`,
      },
    ]);
    const objects = { ...snapshot.objects, [keyOf(gateway)]: gateway, [keyOf(grantThere)]: grantThere };
    const findings = validate({ ...snapshot, objects }).filter(
      (f) => f.code === 'GWAPI_CERTIFICATE_NOT_PERMITTED',
    );
    expect(findings.map((f) => f.path)).toEqual(['spec.listeners[0].tls.certificateRefs[0]']);
  });
});
