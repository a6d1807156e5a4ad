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
