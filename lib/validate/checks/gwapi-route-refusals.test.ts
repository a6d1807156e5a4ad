import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../graph/build-graph';
import { keyOf } from '../../mesh/object-key';
import { brief } from '../test-fixtures';
import { validate } from '../validate';
import { revalidateWeights } from '../weights-only';
import { snapshotFromYaml } from '../yaml-fixtures';

// Which backendRef filters istiod refuses is proven against istiod in
// tools/istioctl/gateway-api-oracle.test.ts; here, where the finding goes and what it reads.

const services = `
apiVersion: v1
kind: Service
metadata: { name: foo-v1, namespace: shop }
spec: { ports: [{ name: http, port: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: foo-v2, namespace: shop }
spec: { ports: [{ name: http, port: 8080 }] }
`;

const route = (kind: string, filter: string, weight = 10) => `
apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: { name: split, namespace: shop }
spec:
  rules:
    - backendRefs:
        - { name: foo-v1, port: 8080, weight: 90 }
        - { name: foo-v2, port: 8080, weight: ${weight}, filters: [${filter}] }
`;

const snapshot = (...texts: string[]) =>
  snapshotFromYaml([{ file: 'mesh.yaml', text: texts.join('\n---\n') }]);
const codes = (...texts: string[]) =>
  brief(validate(snapshot(...texts))).filter((line) => line.startsWith('GWAPI_BACKEND_FILTER'));

const MIRROR = '{ type: RequestMirror, requestMirror: { backendRef: { name: foo-v1, port: 8080 } } }';
const HEADERS = '{ type: RequestHeaderModifier, requestHeaderModifier: { set: [{ name: x, value: "1" }] } }';

describe('GWAPI_BACKEND_FILTER_UNSUPPORTED', () => {
  it('reports a filter other than the header modifiers on the filter, so it shows on the backend edge', () => {
    expect(codes(services, route('HTTPRoute', MIRROR))).toEqual([
      'GWAPI_BACKEND_FILTER_UNSUPPORTED HTTPRoute/shop/split spec.rules[0].backendRefs[1].filters[0]',
    ]);
    expect(
      codes(
        services,
        route('GRPCRoute', '{ type: ExtensionRef, extensionRef: { group: x.io, kind: P, name: p } }'),
      ),
    ).toEqual([
      'GWAPI_BACKEND_FILTER_UNSUPPORTED GRPCRoute/shop/split spec.rules[0].backendRefs[1].filters[0]',
    ]);
    const [finding] = validate(snapshot(services, route('HTTPRoute', MIRROR))).filter(
      (f) => f.code === 'GWAPI_BACKEND_FILTER_UNSUPPORTED',
    );
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('RequestMirror');
    // Drawn as the other backendRef findings are: on the edge of that backend, and nowhere else.
    const mesh = snapshot(services, route('HTTPRoute', MIRROR));
    const graph = buildGraph(mesh, validate(mesh));
    const flagged = [...graph.edges, ...graph.nodes].filter((item) =>
      item.problems.some((p) => p.code === 'GWAPI_BACKEND_FILTER_UNSUPPORTED'),
    );
    expect(flagged.map((item) => ('target' in item ? `${item.kind} → ${item.target}` : item.id))).toEqual([
      expect.stringMatching(/^weight → .*foo-v2/),
    ]);
  });

  it('says nothing of header modifiers, nor of any filter on a weight-0 backend (istiod never reads it)', () => {
    expect(codes(services, route('HTTPRoute', HEADERS))).toEqual([]);
    expect(codes(services, route('HTTPRoute', MIRROR, 0))).toEqual([]);
  });

  it('is found again when a canary step gives the filtered backend a weight (weights-only revalidation)', () => {
    const before = snapshot(services, route('HTTPRoute', MIRROR, 0));
    const after = snapshot(services, route('HTTPRoute', MIRROR, 10));
    const changed = Object.values(after.objects)
      .filter((o) => o.kind === 'HTTPRoute')
      .map(keyOf);
    const fresh = revalidateWeights(validate(before), after, changed);
    expect(fresh?.map((f) => f.code)).toContain('GWAPI_BACKEND_FILTER_UNSUPPORTED');
    expect(brief(fresh ?? []).sort()).toEqual(brief(validate(after)).sort());
  });
});

// The other reasons istiod refuses a whole route (lib/mesh/resolve's routeRefusals), each proven
// against istiod in tools/istioctl/gateway-api-oracle.test.ts.
const refusalCodes = (...texts: string[]) =>
  brief(validate(snapshot(...texts))).filter((line) => /^GWAPI_(BACKEND|RULE|REFERENCE)/.test(line));
const flaggedWith = (code: string, ...texts: string[]) => {
  const mesh = snapshot(...texts);
  const graph = buildGraph(mesh, validate(mesh));
  return [...graph.edges, ...graph.nodes]
    .filter((item) => item.problems.some((p) => p.code === code))
    .map((item) => ('target' in item ? `${item.kind} → ${item.target}` : `${item.kind} ${item.id}`));
};
const split = (second: string, extra = '') => `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: split, namespace: shop }
spec:
  parentRefs: [{ name: edge }]
  rules:
    - ${extra}backendRefs:
        - { name: foo-v1, port: 8080, weight: 90 }
        - { ${second} }
`;
const EXTENSION = '{ type: ExtensionRef, extensionRef: { group: example.com, kind: Plugin, name: tweak } }';

describe('GWAPI_RULE_FILTER_UNSUPPORTED', () => {
  it('reports an ExtensionRef in a rule’s filters on the filter, shown on the rule', () => {
    const text = split('name: foo-v2, port: 8080, weight: 10', `filters: [${EXTENSION}]\n      `);
    expect(refusalCodes(services, text)).toEqual([
      'GWAPI_RULE_FILTER_UNSUPPORTED HTTPRoute/shop/split spec.rules[0].filters[0]',
    ]);
    expect(flaggedWith('GWAPI_RULE_FILTER_UNSUPPORTED', services, text)).toEqual([
      'route rule:HTTPRoute/shop/split/rules/0',
    ]);
  });

  it('says nothing of the filters istiod applies in a rule; a GRPCRoute rule takes fewer', () => {
    const applied = [
      HEADERS,
      MIRROR,
      '{ type: URLRewrite, urlRewrite: { hostname: x.example.com } }',
      "{ type: CORS, cors: { allowOrigins: ['https://a.example.com'] } }",
    ].join(', ');
    expect(
      refusalCodes(services, split('name: foo-v2, port: 8080', `filters: [${applied}]\n      `)),
    ).toEqual([]);
    const grpc = split(
      'name: foo-v2, port: 8080',
      `filters: [${HEADERS}, ${MIRROR}, ${EXTENSION}]\n      `,
    ).replace('kind: HTTPRoute', 'kind: GRPCRoute');
    expect(refusalCodes(services, grpc)).toEqual([
      'GWAPI_RULE_FILTER_UNSUPPORTED GRPCRoute/shop/split spec.rules[0].filters[2]',
    ]);
  });
});

describe('GWAPI_BACKEND_NAME_IS_HOSTNAME and GWAPI_BACKEND_PORT_MISSING', () => {
  it('reports a dotted Service name and a missing port on the backend, shown on its edge', () => {
    const dotted = split('name: foo-v2.shop, port: 8080, weight: 10');
    expect(refusalCodes(services, dotted)).toEqual([
      'GWAPI_BACKEND_NAME_IS_HOSTNAME HTTPRoute/shop/split spec.rules[0].backendRefs[1].name',
    ]);
    expect(flaggedWith('GWAPI_BACKEND_NAME_IS_HOSTNAME', services, dotted)).toEqual([
      expect.stringMatching(/^weight → /),
    ]);
    const portless = split('name: foo-v2, weight: 10');
    expect(refusalCodes(services, portless)).toEqual([
      'GWAPI_BACKEND_PORT_MISSING HTTPRoute/shop/split spec.rules[0].backendRefs[1].port',
    ]);
    expect(flaggedWith('GWAPI_BACKEND_PORT_MISSING', services, portless)).toEqual([
      expect.stringMatching(/^weight → .*foo-v2/),
    ]);
  });

  it('says nothing of a weight-0 backend, nor of a kind istiod drops first', () => {
    expect(refusalCodes(services, split('name: foo-v2.shop, port: 8080, weight: 0'))).toEqual([]);
    expect(refusalCodes(services, split('name: foo-v2, weight: 0'))).toEqual([]);
    expect(refusalCodes(services, split('group: example.com, kind: Bucket, name: b.c'))).toEqual([]);
  });

  it('at a Gateway, leaves a backend no ReferenceGrant allows to GWAPI_REFERENCE_NOT_PERMITTED; a mesh route reads it', () => {
    const other = `
apiVersion: v1
kind: Namespace
metadata: { name: misc }
---
apiVersion: v1
kind: Service
metadata: { name: foo-v2, namespace: misc }
spec: { ports: [{ name: http, port: 8080 }] }
`;
    const grant = `
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: shop-to-misc, namespace: misc }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop }]
  to: [{ group: '', kind: Service }]
`;
    const portless = split('name: foo-v2, namespace: misc, weight: 10');
    expect(refusalCodes(services, other, portless)).toEqual([
      'GWAPI_REFERENCE_NOT_PERMITTED HTTPRoute/shop/split spec.rules[0].backendRefs[1]',
    ]);
    expect(refusalCodes(services, other, grant, portless)).toEqual([
      'GWAPI_BACKEND_PORT_MISSING HTTPRoute/shop/split spec.rules[0].backendRefs[1].port',
    ]);
    const mesh = portless.replace(
      'parentRefs: [{ name: edge }]',
      'parentRefs: [{ kind: Service, group: "", name: foo-v1 }]',
    );
    expect(refusalCodes(services, other, mesh)).toContain(
      'GWAPI_BACKEND_PORT_MISSING HTTPRoute/shop/split spec.rules[0].backendRefs[1].port',
    );
  });

  it('is found again when a canary step gives the backend a weight, with the grants read as in a whole run', () => {
    const grant = `
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: { name: shop-to-misc, namespace: misc }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop }]
  to: [{ group: '', kind: Service }]
`;
    for (const second of ['name: foo-v2.shop, port: 8080', 'name: foo-v2, namespace: misc']) {
      const before = snapshot(services, grant, split(`${second}, weight: 0`));
      const after = snapshot(services, grant, split(`${second}, weight: 10`));
      const changed = Object.values(after.objects)
        .filter((o) => o.kind === 'HTTPRoute')
        .map(keyOf);
      const fresh = revalidateWeights(validate(before), after, changed);
      expect(fresh?.some((f) => /NAME_IS_HOSTNAME|PORT_MISSING/.test(f.code))).toBe(true);
      expect(brief(fresh ?? []).sort()).toEqual(brief(validate(after)).sort());
    }
  });
});
