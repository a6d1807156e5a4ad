import { describe, expect, it } from 'vitest';
import { brief } from '../test-fixtures';
import { validate } from '../validate';
import { snapshotFromYaml } from '../yaml-fixtures';

const gateway = (refs: string) => `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: shop }
spec:
  listeners:
    - { name: https, port: 443, protocol: HTTPS, tls: { certificateRefs: ${refs} } }
`;
const certs = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: certs }';
const grant = (from: string, to: string) => `
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: g, namespace: certs }
spec:
  from: [${from}]
  to: [${to}]
`;
const found = (...docs: string[]) =>
  brief(validate(snapshotFromYaml([{ file: 'mesh.yaml', text: docs.join('\n---\n') }]))).filter((line) =>
    line.startsWith('GWAPI_CERTIFICATE'),
  );

const FROM_SHOP = '{ group: gateway.networking.k8s.io, kind: Gateway, namespace: shop }';
const REPORTED = [
  'GWAPI_CERTIFICATE_NOT_PERMITTED KubernetesGateway/shop/edge spec.listeners[0].tls.certificateRefs[0]',
];

describe('GWAPI_CERTIFICATE_NOT_PERMITTED', () => {
  it('a Secret of the same namespace needs no grant', () => {
    expect(found(certs, gateway('[{ name: c }]'))).toEqual([]);
  });
  it('a Secret of another namespace without a grant is reported on its certificateRef', () => {
    expect(found(certs, gateway('[{ name: c, namespace: certs }]'))).toEqual(REPORTED);
  });
  it('a grant for Gateways of shop to Secrets (all, or this one) allows it', () => {
    expect(
      found(
        certs,
        gateway('[{ name: c, namespace: certs }]'),
        grant(FROM_SHOP, '{ group: "", kind: Secret }'),
      ),
    ).toEqual([]);
    expect(
      found(
        certs,
        gateway('[{ name: c, namespace: certs }]'),
        grant(FROM_SHOP, '{ group: "", kind: Secret, name: c }'),
      ),
    ).toEqual([]);
  });
  it('a grant for another Secret, another kind or another namespace does not', () => {
    expect(
      found(
        certs,
        gateway('[{ name: c, namespace: certs }]'),
        grant(FROM_SHOP, '{ group: "", kind: Secret, name: other }'),
      ),
    ).toEqual(REPORTED);
    expect(
      found(
        certs,
        gateway('[{ name: c, namespace: certs }]'),
        grant(FROM_SHOP, '{ group: "", kind: Service }'),
      ),
    ).toEqual(REPORTED);
    const fromHTTPRoutes = '{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop }';
    expect(
      found(
        certs,
        gateway('[{ name: c, namespace: certs }]'),
        grant(fromHTTPRoutes, '{ group: "", kind: Secret }'),
      ),
    ).toEqual(REPORTED);
    const fromElsewhere = '{ group: gateway.networking.k8s.io, kind: Gateway, namespace: other }';
    expect(
      found(
        certs,
        gateway('[{ name: c, namespace: certs }]'),
        grant(fromElsewhere, '{ group: "", kind: Secret }'),
      ),
    ).toEqual(REPORTED);
  });
  it('says nothing where the Secret namespace is unseen (the grant may be there)', () => {
    expect(found(gateway('[{ name: c, namespace: certs }]'))).toEqual([]);
  });
  it('reads the certificateRef’s own group and kind: another kind is no Secret, an explicit core Secret is one', () => {
    // Istio refuses a certificate of another kind outright; a ReferenceGrant is not what it lacks.
    expect(
      found(certs, gateway('[{ group: cert-manager.io, kind: Certificate, name: c, namespace: certs }]')),
    ).toEqual([]);
    expect(found(certs, gateway('[{ kind: ConfigMap, name: c, namespace: certs }]'))).toEqual([]);
    expect(found(certs, gateway('[{ group: "", kind: Secret, name: c, namespace: certs }]'))).toEqual(
      REPORTED,
    );
  });
});
