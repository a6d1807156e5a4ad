import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { snapshotFromYaml } from '../../lib/validate/yaml-fixtures';
import { istioAnswers, oracleBuilt, oraclePath } from './trace-oracle';
import {
  corpusGatewayApiCases,
  gatewayApiAgreement,
  gatewayApiCases,
  generatedGatewayApiCases,
} from './trace-oracle-gateway-api';

// Weir's tracer through Gateway API Gateways against istiod's own routes for the same objects
// (trace-oracle, as trace.test.ts): every Gateway of the Gateway API corpus with an HTTP
// listener, and generated meshes of overlapping routes where precedence decides each answer,
// with requests drawn from the routes' own matches and near misses.
const built = oracleBuilt();
const REQUESTS = Number(process.env.WEIR_TRACE_REQUESTS ?? 40);
const GENERATED = Number(process.env.WEIR_TRACE_GENERATED ?? 40);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

if (!built)
  console.warn(
    `trace-gateway-api.test: SKIPPED, ${oraclePath()} is not built (bash tools/istioctl/build.sh trace-oracle)`,
  );

describe.skipIf(!built)('the Gateway API tracer against istiod’s own routes', () => {
  const cases = [
    ...corpusGatewayApiCases(repoRoot, REQUESTS),
    ...generatedGatewayApiCases(GENERATED, REQUESTS),
  ];
  const answers = istioAnswers(cases);
  const results = cases.map((c) => gatewayApiAgreement(c, answers));

  it.each(results.map((r) => [r.id, r] as const))('agrees request by request on %s', (_id, r) => {
    expect(r.differences).toEqual([]);
  });

  it('asks questions with every kind of answer, so agreeing says something', () => {
    const outcomes = new Map<string, number>();
    for (const r of results) for (const [k, n] of r.outcomes) outcomes.set(k, (outcomes.get(k) ?? 0) + n);
    for (const kind of ['routed: split', 'routed: one', 'not-found', 'redirect'])
      expect(outcomes.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });
});

// istiod looks a Service backendRef up by its exact namespace/name (buildDestination:
// `namespace + "/" + name`), though the host it builds compares without case: `CART` is not the
// Service `cart`. Its share gets no Service's cluster.
const SPELT_OTHERWISE = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: shop }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: v1
kind: Service
metadata: { name: cart, namespace: shop }
spec:
  clusterIP: 10.96.0.10
  selector: { app: cart }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  parentRefs: [{ name: edge }]
  hostnames: [cart.example.com]
  rules:
    - backendRefs: [{ name: CART, port: 80 }, { name: cart, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /upper } }]
      backendRefs: [{ name: Cart, port: 80 }]
`;

describe.skipIf(!built)('a Service backendRef spelt in another case, against istiod', () => {
  const cases = gatewayApiCases(
    'spelt otherwise',
    snapshotFromYaml([{ file: 'case.yaml', text: SPELT_OTHERWISE }]),
    REQUESTS,
    5,
  );
  const answers = istioAnswers(cases);
  const results = cases.map((c) => gatewayApiAgreement(c, answers));

  it.each(results.map((r) => [r.id, r] as const))('agrees request by request on %s', (_id, r) => {
    expect(r.differences).toEqual([]);
    expect(r.outcomes.size).toBeGreaterThan(0);
  });
});

// A backendRef filter istiod refuses (anything but a header modifier) takes the whole route out
// (GWAPI_BACKEND_FILTER_UNSUPPORTED): its requests get 404 where nothing else serves them.
const REFUSED_FILTER = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: shop }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  parentRefs: [{ name: edge }]
  hostnames: [web.example.com]
  rules:
    - backendRefs:
        - { name: web, port: 80, weight: 9 }
        - name: web-canary
          port: 80
          weight: 1
          filters: [{ type: URLRewrite, urlRewrite: { path: { type: ReplaceFullPath, replaceFullPath: /v2 } } }]
    - matches: [{ path: { type: PathPrefix, value: /api } }]
      backendRefs: [{ name: web, port: 80 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop, namespace: shop }
spec:
  parentRefs: [{ name: edge }]
  hostnames: [shop.example.com, web.example.com]
  rules:
    - matches: [{ path: { type: PathPrefix, value: /shop } }]
      backendRefs:
        - name: cart
          port: 80
          filters: [{ type: RequestHeaderModifier, requestHeaderModifier: { set: [{ name: x-from, value: edge }] } }]
        - { name: web-canary, port: 80, weight: 0, filters: [{ type: URLRewrite, urlRewrite: { hostname: other } }] }
`;

describe.skipIf(!built)('a route with a backendRef filter istiod refuses, against istiod', () => {
  const cases = gatewayApiCases(
    'refused backend filter',
    snapshotFromYaml([{ file: 'case.yaml', text: REFUSED_FILTER }]),
    REQUESTS,
    9,
  );
  const answers = istioAnswers(cases);
  const results = cases.map((c) => gatewayApiAgreement(c, answers));

  it.each(results.map((r) => [r.id, r] as const))('agrees request by request on %s', (_id, r) => {
    expect(r.differences).toEqual([]);
    expect(r.outcomes.get('not-found') ?? 0).toBeGreaterThan(0);
    expect([...r.outcomes.keys()].some((k) => k.startsWith('routed'))).toBe(true);
  });
});
