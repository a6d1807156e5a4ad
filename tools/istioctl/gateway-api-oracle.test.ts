import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { gatewayApiCorpus } from '../../lib/graph/gateway-api/corpus-snapshot';
import { GATEWAY_NAME_LABEL } from '../../lib/mesh/gateway-api-types';
import { validate } from '../../lib/validate/validate';
import { snapshotFromYaml } from '../../lib/validate/yaml-fixtures';
import { gatewayProxy, ISTIO_GATEWAY_CLASS, kubeTextFromYaml, PROXY_ADDRESS } from './gateway-api-kube';
import { type OracleCase, oracleBuilt, oraclePath, runOracle } from './trace-oracle';

// Weir's Gateway API rules against istiod's own code: the trace-oracle (istiod's fake discovery
// server, which runs its Gateway API controller over Kubernetes objects) builds the Envoy
// configuration of one gateway pod, and a request for the route's host shows whether istiod
// attached the route and, where an HTTPRoute and a VirtualService share a host, whose route a
// request meets. Nothing here needs a Go change: Gateway API objects go in as Kubernetes objects.
const built = oracleBuilt();
if (!built)
  console.warn(
    `gateway-api-oracle.test: SKIPPED, ${oraclePath()} is not built (bash tools/istioctl/build.sh trace-oracle)`,
  );

// The pod Istio would deploy for Gateway `edge` in infra (its Service selects the gateway-name
// label), at the address the oracle gives the proxy, and Istio's GatewayClass.
const GATEWAY_POD = `
apiVersion: v1
kind: Pod
metadata:
  name: edge-istio-0
  namespace: infra
  labels: { ${GATEWAY_NAME_LABEL}: edge, istio: edge }
spec: { containers: [{ name: istio-proxy, image: proxyv2 }] }
status:
  phase: Running
  podIP: ${PROXY_ADDRESS}
  podIPs: [{ ip: ${PROXY_ADDRESS} }]
  conditions: [{ type: Ready, status: "True" }]
---
apiVersion: v1
kind: Service
metadata: { name: edge-istio, namespace: infra }
spec:
  selector: { ${GATEWAY_NAME_LABEL}: edge }
  ports: [{ name: http, port: 80, targetPort: 80 }]
---
${JSON.stringify(ISTIO_GATEWAY_CLASS)}
`;
const NAMESPACES = ['infra', 'shop', 'misc']
  .map(
    (name) =>
      `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name}${name === 'shop' ? ', labels: { edge: "yes" }' : ''} }`,
  )
  .join('\n---\n');
const backend = (namespace: string, name: string) => `
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { app: ${name} }
  ports: [{ name: http, port: 8080, targetPort: 8080 }]
`;

function proxy(calls: { id: string; host: string; path: string }[]) {
  return gatewayProxy({
    id: 'edge',
    namespace: 'infra',
    name: 'edge',
    labels: { istio: 'edge' },
    calls: calls.map((c) => ({
      ...c,
      protocol: 'http' as const,
      tls: 'plaintext' as const,
      port: 80,
      query: '',
      method: 'GET',
      headers: {},
    })),
  });
}

const weirFindings = (yaml: string) => validate(snapshotFromYaml([{ file: 'oracle.yaml', text: yaml }]));

// ---- GWAPI_ROUTE_NOT_ALLOWED ---------------------------------------------------------------

const ALLOWED_ROUTES: Record<string, string> = {
  default: '',
  all: '{ namespaces: { from: All } }',
  same: '{ namespaces: { from: Same } }',
  'selector edge=yes': '{ namespaces: { from: Selector, selector: { matchLabels: { edge: "yes" } } } }',
  'all, HTTPRoute only': '{ namespaces: { from: All }, kinds: [{ kind: HTTPRoute }] }',
  'all, GRPCRoute only': '{ namespaces: { from: All }, kinds: [{ kind: GRPCRoute }] }',
};

function allowedCase(allowed: string, routeNamespace: string) {
  const yaml = [
    NAMESPACES,
    `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: infra }
spec:
  gatewayClassName: istio
  listeners:
    - { name: http, port: 80, protocol: HTTP${ALLOWED_ROUTES[allowed] ? `, allowedRoutes: ${ALLOWED_ROUTES[allowed]}` : ''} }`,
    backend(routeNamespace, 'web'),
    `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: ${routeNamespace} }
spec:
  parentRefs: [{ name: edge, namespace: infra }]
  hostnames: [web.example.com]
  rules: [{ backendRefs: [{ name: web, port: 8080 }] }]`,
  ].join('\n---\n');
  const id = `${allowed} / route in ${routeNamespace}`;
  const oracle: OracleCase = {
    id,
    config: '',
    kube: kubeTextFromYaml(`${GATEWAY_POD}---\n${yaml}`),
    proxies: [proxy([{ id: 'web', host: 'web.example.com', path: '/' }])],
  };
  return { id, yaml, oracle };
}

describe.skipIf(!built)('GWAPI_ROUTE_NOT_ALLOWED against istiod', () => {
  const cases = Object.keys(ALLOWED_ROUTES).flatMap((allowed) =>
    ['infra', 'shop', 'misc'].map((ns) => allowedCase(allowed, ns)),
  );
  const answers = built ? runOracle(cases.map((c) => c.oracle)) : new Map();

  it.each(cases.map((c) => [c.id, c] as const))(
    '%s: reported exactly when istiod leaves the route out',
    (_id, c) => {
      const answer = answers.get(`${c.id}|edge|web`);
      expect(answer, 'istiod answered').toBeDefined();
      const routed = answer?.action === 'route';
      // Anything but "not attached" (a 404: no virtual host, or istiod's empty catch-all one) would be a different question.
      if (!routed) expect(['no virtual host matched', 'no route matched']).toContain(answer?.error);
      const reported = weirFindings(c.yaml).some((f) => f.code === 'GWAPI_ROUTE_NOT_ALLOWED');
      expect({ reported }).toEqual({ reported: !routed });
    },
  );

  it('asks both kinds of question', () => {
    const routed = cases.filter((c) => answers.get(`${c.id}|edge|web`)?.action === 'route').length;
    expect(routed).toBeGreaterThan(0);
    expect(routed).toBeLessThan(cases.length);
  });
});

// ---- GWAPI_HOST_ALSO_IN_VS -----------------------------------------------------------------

function sharedHostCase(istioGatewayAge: string, kubeGatewayAge: string, vsAge: string, routeAge: string) {
  const istio = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: legacy, namespace: infra, creationTimestamp: "${istioGatewayAge}" }
spec:
  selector: { istio: edge }
  servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*.example.com"] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: shop, namespace: infra, creationTimestamp: "${vsAge}" }
spec:
  hosts: [shop.example.com]
  gateways: [legacy]
  http:
    - match: [{ uri: { prefix: /vs } }]
      route: [{ destination: { host: shop-v1.infra.svc.cluster.local, port: { number: 8080 } } }]
    - route: [{ destination: { host: shop-v1.infra.svc.cluster.local, port: { number: 8080 } } }]`;
  const kube = [
    backend('infra', 'shop-v1'),
    backend('infra', 'shop-v2'),
    `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: infra, creationTimestamp: "${kubeGatewayAge}" }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop, namespace: infra, creationTimestamp: "${routeAge}" }
spec:
  parentRefs: [{ name: edge }]
  hostnames: [shop.example.com]
  rules: [{ backendRefs: [{ name: shop-v2, port: 8080 }] }]`,
  ].join('\n---\n');
  const id = `Istio Gateway ${istioGatewayAge.slice(0, 4)}, Gateway API Gateway ${kubeGatewayAge.slice(0, 4)}, VirtualService ${vsAge.slice(0, 4)}, HTTPRoute ${routeAge.slice(0, 4)}`;
  const oracle: OracleCase = {
    id,
    config: istio,
    kube: kubeTextFromYaml(`${GATEWAY_POD}---\n${kube}`),
    proxies: [
      proxy([
        { id: 'root', host: 'shop.example.com', path: '/' },
        { id: 'vs', host: 'shop.example.com', path: '/vs/cart' },
      ]),
    ],
  };
  return { id, yaml: `${GATEWAY_POD}---\n${istio}\n---\n${kube}`, oracle };
}

describe.skipIf(!built)('GWAPI_HOST_ALSO_IN_VS against istiod', () => {
  const [older, newer] = ['2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'];
  const cases = [
    sharedHostCase(older, newer, older, newer),
    sharedHostCase(older, newer, newer, older),
    sharedHostCase(newer, older, older, newer),
    sharedHostCase(newer, older, newer, older),
  ];
  const answers = built ? runOracle(cases.map((c) => c.oracle)) : new Map();

  it.each(cases.map((c) => [c.id, c] as const))('%s: Weir names the side istiod routes `/` to', (_id, c) => {
    const root = answers.get(`${c.id}|edge|root`);
    const istioWinner =
      root?.virtualService === 'infra/shop'
        ? 'VirtualService'
        : root?.route?.startsWith('infra.shop.')
          ? 'HTTPRoute'
          : `nobody (${JSON.stringify(root)})`;
    const finding = weirFindings(c.yaml).find((f) => f.code === 'GWAPI_HOST_ALSO_IN_VS');
    expect(finding?.path).toBe('spec.hostnames[0]');
    const weirWinner = finding?.message.includes('VirtualService infra/shop wins')
      ? 'VirtualService'
      : finding?.message.includes('this HTTPRoute wins')
        ? 'HTTPRoute'
        : 'none';
    expect(weirWinner).toBe(istioWinner);
    // The specific match of the VirtualService is before either catch-all, whichever Gateway is older.
    expect(answers.get(`${c.id}|edge|vs`)?.virtualService).toBe('infra/shop');
  });

  it('the winner follows the Gateways, not the routes', () => {
    const winners = cases.map((c) => answers.get(`${c.id}|edge|root`)?.virtualService === 'infra/shop');
    expect(winners).toEqual([true, true, false, false]);
  });
});

// ---- GWAPI_BACKEND_FILTER_UNSUPPORTED ------------------------------------------------------

// The corpus's 90/10 split and the filters of the corpus's examples, each moved from its rule
// onto the split's second backend, plus the CRD-valid types the corpus lacks (ExtensionRef, CORS).
const corpus = gatewayApiCorpus(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'));
interface CorpusRoute {
  kind: string;
  metadata: { name: string };
  spec: {
    rules: Array<{ filters?: Array<Record<string, unknown>>; backendRefs: Array<Record<string, unknown>> }>;
  };
}
const corpusDoc = (file: string) =>
  YAML.parseAllDocuments(readFileSync(path.join(corpus.folder, file), 'utf8'))
    .map((doc) => doc.toJS() as CorpusRoute)
    .find((o) => o?.kind === 'HTTPRoute') as CorpusRoute;

function corpusFilters(): Record<string, Record<string, unknown>> {
  const filters: Record<string, Record<string, unknown>> = {};
  for (const file of [
    'http-filter.yaml',
    'http-request-mirroring-httproute-mirroring.yaml',
    'http-rewrite.yaml',
    'http-redirect-path.yaml',
  ]) {
    for (const filter of corpusDoc(file).spec.rules[0]?.filters ?? [])
      filters[filter.type as string] = filter;
  }
  filters.ExtensionRef = {
    type: 'ExtensionRef',
    extensionRef: { group: 'example.com', kind: 'Plugin', name: 'tweak' },
  };
  filters.CORS = { type: 'CORS', cors: { allowOrigins: ['https://shop.example.com'] } };
  return filters;
}

// HTTPRoute only: the trace-oracle's istiod attaches no GRPCRoute to a Gateway (a catch-all
// GRPCRoute gets no virtual host), so buildGRPCDestination, the same code for GRPCRoute, is read,
// not run (docs/validation.md).
function backendFilterCase(filter: Record<string, unknown>, weight: number) {
  const split = corpusDoc('traffic-splitting-simple-split.yaml');
  const [rule] = split.spec.rules;
  const backends = rule?.backendRefs.map((b, i) => (i === 1 ? { ...b, weight, filters: [filter] } : b)) ?? [];
  // A second rule without filters: istiod's refusal takes it too, not only the rule the filter is in.
  const other = { matches: [{ path: { type: 'PathPrefix', value: '/other' } }], backendRefs: [backends[0]] };
  const route = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: split.metadata.name, namespace: 'infra' },
    spec: {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['split.example.com'],
      rules: [{ backendRefs: backends }, other],
    },
  };
  const yaml = [
    NAMESPACES,
    `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: infra }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]`,
    backend('infra', 'foo-v1'),
    backend('infra', 'foo-v2'),
    JSON.stringify(route),
  ].join('\n---\n');
  const id = `${filter.type} on a backend of weight ${weight}`;
  const oracle: OracleCase = {
    id,
    config: '',
    kube: kubeTextFromYaml(`${GATEWAY_POD}---\n${yaml}`),
    proxies: [
      proxy([
        { id: 'split', host: 'split.example.com', path: '/' },
        { id: 'other', host: 'split.example.com', path: '/other/page' },
      ]),
    ],
  };
  return { id, yaml, oracle };
}

describe.skipIf(!built || !corpus.present)('GWAPI_BACKEND_FILTER_UNSUPPORTED against istiod', () => {
  const filters = corpus.present ? corpusFilters() : {};
  const cases = [10, 0].flatMap((weight) =>
    Object.values(filters).map((filter) => backendFilterCase(filter, weight)),
  );
  const answers = built && corpus.present ? runOracle(cases.map((c) => c.oracle)) : new Map();
  const routed = (id: string, call: string) => answers.get(`${id}|edge|${call}`)?.action === 'route';

  it('draws every filter type the CRD takes on a backendRef', () => {
    expect(Object.keys(filters).sort()).toEqual(
      [
        'CORS',
        'ExtensionRef',
        'RequestHeaderModifier',
        'RequestMirror',
        'RequestRedirect',
        'URLRewrite',
      ].sort(),
    );
  });

  it.each(cases.map((c) => [c.id, c] as const))(
    '%s: reported exactly when istiod builds none of the route',
    (_id, c) => {
      for (const call of ['split', 'other']) {
        const answer = answers.get(`${c.id}|edge|${call}`);
        expect(answer, `istiod answered ${call}`).toBeDefined();
        if (answer?.action !== 'route')
          expect(['no virtual host matched', 'no route matched']).toContain(answer?.error);
      }
      // All or nothing: istiod refuses the route, not the rule.
      expect(routed(c.id, 'other')).toBe(routed(c.id, 'split'));
      const findings = weirFindings(c.yaml).filter((f) => f.code === 'GWAPI_BACKEND_FILTER_UNSUPPORTED');
      expect({ reported: findings.length > 0 }).toEqual({ reported: !routed(c.id, 'split') });
      for (const f of findings) expect(f.path).toBe('spec.rules[0].backendRefs[1].filters[0]');
    },
  );

  it('asks both kinds of question', () => {
    const served = cases.filter((c) => routed(c.id, 'split')).length;
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThan(cases.length);
  });
});

// ---- GWAPI_BACKEND_NAME_IS_HOSTNAME, GWAPI_BACKEND_PORT_MISSING, GWAPI_RULE_FILTER_UNSUPPORTED ----

// The other reasons istiod refuses a whole route (lib/mesh/resolve's routeRefusals), on corpus
// routes: the 90/10 split with its second backend named as a host or without a port (weight 10
// and 0), and http-filter.yaml's rule with an ExtensionRef added to its filters; each beside the
// corpus route as it is. A second, plain rule shows istiod refuses the route, not the rule.
const REFUSAL_CODES = [
  'GWAPI_BACKEND_NAME_IS_HOSTNAME',
  'GWAPI_BACKEND_PORT_MISSING',
  'GWAPI_RULE_FILTER_UNSUPPORTED',
];
const servicePort = (namespace: string, name: string, port: number) =>
  backend(namespace, name).replace('port: 8080, targetPort: 8080', `port: ${port}, targetPort: ${port}`);

function refusalCase(
  id: string,
  file: string,
  edit: (rule: CorpusRoute['spec']['rules'][number]) => CorpusRoute['spec']['rules'][number],
) {
  const corpusRoute = corpusDoc(file);
  const [first] = corpusRoute.spec.rules;
  const rule = edit(structuredClone(first ?? { backendRefs: [] }));
  const plain = first?.backendRefs[0] ?? {};
  const other = { matches: [{ path: { type: 'PathPrefix', value: '/other' } }], backendRefs: [plain] };
  const route = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: corpusRoute.metadata.name, namespace: 'infra' },
    spec: { parentRefs: [{ name: 'edge' }], hostnames: ['refused.example.com'], rules: [rule, other] },
  };
  const services = (first?.backendRefs ?? []).map((b) =>
    servicePort('infra', String(b.name), Number(b.port ?? 8080)),
  );
  const yaml = [
    NAMESPACES,
    `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: infra }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]`,
    ...services,
    JSON.stringify(route),
  ].join('\n---\n');
  const oracle: OracleCase = {
    id,
    config: '',
    kube: kubeTextFromYaml(`${GATEWAY_POD}---\n${yaml}`),
    proxies: [
      proxy([
        { id: 'rule', host: 'refused.example.com', path: '/' },
        { id: 'other', host: 'refused.example.com', path: '/other/page' },
      ]),
    ],
  };
  return { id, yaml, oracle };
}

describe.skipIf(!built || !corpus.present)('routes istiod refuses whole, against istiod', () => {
  const second =
    (change: (b: Record<string, unknown>) => Record<string, unknown>) =>
    (rule: CorpusRoute['spec']['rules'][number]) => ({
      ...rule,
      backendRefs: rule.backendRefs.map((b, i) => (i === 1 ? change(b) : b)),
    });
  const split = 'traffic-splitting-simple-split.yaml';
  const cases = [
    refusalCase('split as in the corpus', split, (rule) => rule),
    ...[10, 0].flatMap((weight) => [
      refusalCase(
        `second backend named foo-v2.infra, weight ${weight}`,
        split,
        second((b) => ({ ...b, name: `${b.name}.infra`, weight })),
      ),
      refusalCase(
        `second backend without port, weight ${weight}`,
        split,
        second(({ port: _port, ...b }) => ({ ...b, weight })),
      ),
    ]),
    refusalCase('http-filter as in the corpus', 'http-filter.yaml', (rule) => rule),
    refusalCase('http-filter with an ExtensionRef in its rule', 'http-filter.yaml', (rule) => ({
      ...rule,
      filters: [
        ...(rule.filters ?? []),
        { type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Plugin', name: 'tweak' } },
      ],
    })),
  ];
  const answers = built && corpus.present ? runOracle(cases.map((c) => c.oracle)) : new Map();
  const routed = (id: string, call: string) => answers.get(`${id}|edge|${call}`)?.action === 'route';

  it.each(cases.map((c) => [c.id, c] as const))(
    '%s: reported exactly when istiod builds none of the route',
    (_id, c) => {
      for (const call of ['rule', 'other']) {
        const answer = answers.get(`${c.id}|edge|${call}`);
        expect(answer, `istiod answered ${call}`).toBeDefined();
        if (answer?.action !== 'route')
          expect(['no virtual host matched', 'no route matched']).toContain(answer?.error);
      }
      // All or nothing: istiod refuses the route, not the rule.
      expect(routed(c.id, 'other')).toBe(routed(c.id, 'rule'));
      const findings = weirFindings(c.yaml).filter((f) => REFUSAL_CODES.includes(f.code));
      expect({ reported: findings.length > 0 }).toEqual({ reported: !routed(c.id, 'rule') });
      expect(findings.filter((f) => !f.path.startsWith('spec.rules[0].'))).toEqual([]);
    },
  );

  it('asks both kinds of question, for each code', () => {
    const refusedIds = cases.filter((c) => !routed(c.id, 'rule')).map((c) => c.id);
    expect(refusedIds.sort()).toEqual(
      [
        'second backend named foo-v2.infra, weight 10',
        'second backend without port, weight 10',
        'http-filter with an ExtensionRef in its rule',
      ].sort(),
    );
  });
});
