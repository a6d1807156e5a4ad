import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { gatewayApiCorpus } from '../../lib/graph/gateway-api/corpus-snapshot';
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

// The other reasons istiod refuses a whole route (routeRefusals: a Service backendRef named with
// a dot, a backendRef without a port, an ExtensionRef in a rule's filters), each on a corpus route
// on its own hostname, beside the corpus routes as they are: the tracer leaves a refused route
// out (404) as istiod does, and routes the others.
const corpus = gatewayApiCorpus(repoRoot);
type Rule = { filters?: unknown[]; backendRefs: Array<Record<string, unknown>> };
function corpusRoute(file: string, name: string, host: string, edit: (rule: Rule) => Rule) {
  const route = YAML.parseAllDocuments(readFileSync(path.join(corpus.folder, file), 'utf8'))
    .map((doc) => doc.toJS())
    .find((o) => o?.kind === 'HTTPRoute') as { metadata: object; spec: { rules: Rule[] } };
  const [first] = route.spec.rules;
  const rule = edit(structuredClone(first as Rule));
  const other = {
    matches: [{ path: { type: 'PathPrefix', value: '/other' } }],
    backendRefs: [first?.backendRefs[0]],
  };
  return JSON.stringify({
    ...route,
    metadata: { name, namespace: 'shop' },
    spec: { parentRefs: [{ name: 'edge' }], hostnames: [host], rules: [rule, other] },
  });
}
const secondBackend = (change: (b: Record<string, unknown>) => Record<string, unknown>) => (rule: Rule) => ({
  ...rule,
  backendRefs: rule.backendRefs.map((b, i) => (i === 1 ? change(b) : b)),
});

describe.skipIf(!built || !corpus.present)('routes istiod refuses whole, against istiod', () => {
  const split = 'traffic-splitting-simple-split.yaml';
  const text = corpus.present
    ? [
        `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: shop }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]`,
        corpusRoute(split, 'split', 'split.example.com', (rule) => rule),
        corpusRoute(
          split,
          'dotted',
          'dotted.example.com',
          secondBackend((b) => ({ ...b, name: `${b.name}.shop` })),
        ),
        corpusRoute(
          split,
          'portless',
          'portless.example.com',
          secondBackend(({ port: _port, ...b }) => b),
        ),
        corpusRoute('http-filter.yaml', 'extension', 'extension.example.com', (rule) => ({
          ...rule,
          filters: [
            ...(rule.filters ?? []),
            { type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Plugin', name: 'tweak' } },
          ],
        })),
      ].join('\n---\n')
    : '';
  const cases = corpus.present
    ? gatewayApiCases('refused routes', snapshotFromYaml([{ file: 'case.yaml', text }]), REQUESTS, 17)
    : [];
  const answers = istioAnswers(cases);
  const results = cases.map((c) => gatewayApiAgreement(c, answers));

  it.each(results.map((r) => [r.id, r] as const))('agrees request by request on %s', (_id, r) => {
    expect(r.differences).toEqual([]);
    expect(r.outcomes.get('not-found') ?? 0).toBeGreaterThan(0);
    expect([...r.outcomes.keys()].some((k) => k.startsWith('routed'))).toBe(true);
  });
});
