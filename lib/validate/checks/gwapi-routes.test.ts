import { describe, expect, it } from 'vitest';
import { brief } from '../test-fixtures';
import { validate } from '../validate';
import { snapshotFromYaml } from '../yaml-fixtures';

const route = (parentNamespace: string, backendNamespace: string) => `
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { ports: [{ name: http, port: 80 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  parentRefs: [{ name: shared, namespace: ${parentNamespace} }]
  rules: [{ backendRefs: [{ name: cart, namespace: ${backendNamespace}, port: 80 }] }]
`;

const codes = (text: string, ...more: string[]) =>
  brief(validate(snapshotFromYaml([{ file: 'mesh.yaml', text: [text, ...more].join('\n---\n') }]))).filter(
    (line) => line.startsWith('GWAPI_PARENT') || line.startsWith('GWAPI_REFERENCE'),
  );

const infraSeen = `
apiVersion: v1
kind: Namespace
metadata: { name: infra }
---
apiVersion: v1
kind: Namespace
metadata: { name: payments }
`;

describe('gwapi-routes: what is only unseen is not missing', () => {
  it('says nothing of a Gateway or a grant in a namespace the snapshot holds nothing of (hidden, or outside WEIR_NAMESPACES)', () => {
    expect(codes(route('infra', 'payments'))).toEqual([]);
  });

  it('still finds a missing Gateway and a missing grant where the namespace is seen', () => {
    expect(codes(route('infra', 'payments'), infraSeen)).toEqual([
      'GWAPI_REFERENCE_NOT_PERMITTED HTTPRoute/shop/web spec.rules[0].backendRefs[0]',
      'GWAPI_PARENT_NOT_FOUND HTTPRoute/shop/web spec.parentRefs[0]',
    ]);
  });
});

describe('gwapi-routes: a Service backendRef is looked up by its exact namespace/name', () => {
  const named = (backend: string) => `
apiVersion: v1
kind: Service
metadata: { name: cart, namespace: shop }
spec: { ports: [{ name: http, port: 80 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  rules: [{ backendRefs: [{ ${backend}, port: 80 }] }]
`;
  const backendCodes = (text: string) =>
    brief(validate(snapshotFromYaml([{ file: 'mesh.yaml', text }]))).filter((line) =>
      line.startsWith('GWAPI_BACKEND'),
    );

  it('finds the Service named as it is', () => {
    expect(backendCodes(named('name: cart'))).toEqual([]);
  });

  it('reports a dotted name as refusing the whole route, not as a missing Service', () => {
    expect(backendCodes(named('name: cart.shop'))).toEqual([
      'GWAPI_BACKEND_NAME_IS_HOSTNAME HTTPRoute/shop/web spec.rules[0].backendRefs[0].name',
    ]);
  });

  it.each(['name: CART', 'name: Cart', 'name: cart, namespace: SHOP'])(
    'reports %s as not found: Istio matches no Service by case',
    (backend) => {
      expect(backendCodes(named(backend))).toEqual([
        'GWAPI_BACKEND_NOT_FOUND HTTPRoute/shop/web spec.rules[0].backendRefs[0].name',
      ]);
    },
  );
});
