// Validates a synthetic 2,000-route mesh several times and prints the median time as one JSON
// line. Run with `npx tsx bench/validate.ts`. Prints figures only; asserts nothing.
import { keyOf } from '../lib/mesh/object-key';
import type { HTTPRoute, MeshObject, MeshSnapshot } from '../lib/mesh/types';
import { validate } from '../lib/validate/validate';

const NAMESPACES = 25;
const SERVICES_PER_NAMESPACE = 20;
const ROUTES_PER_SERVICE = 4;
const RUNS = 9;

function syntheticMesh(): { snapshot: MeshSnapshot; routes: number } {
  const objects: MeshObject[] = [];
  let routes = 0;
  objects.push({
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' },
    spec: {
      selector: { istio: 'ingressgateway' },
      ports: [
        { port: 80, targetPort: 8080 },
        { port: 443, targetPort: 8443 },
      ],
    },
  });
  objects.push({
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name: 'istio-ingressgateway-0',
      namespace: 'istio-system',
      labels: { istio: 'ingressgateway' },
    },
    spec: {},
    status: { phase: 'Running', ready: true },
  });
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${n}`;
    objects.push({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: ns, labels: { 'istio-injection': 'enabled' } },
      spec: {},
    });
    objects.push({
      kind: 'Gateway',
      apiVersion: 'networking.istio.io/v1',
      metadata: { name: 'edge', namespace: ns },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 443, name: 'https', protocol: 'HTTPS' },
            hosts: [`${ns}.example.com`],
            tls: { mode: 'SIMPLE', credentialName: `${ns}-tls` },
          },
        ],
      },
    });
    for (let s = 0; s < SERVICES_PER_NAMESPACE; s++) {
      const name = `svc-${s}`;
      objects.push({
        kind: 'Service',
        apiVersion: 'v1',
        metadata: { name, namespace: ns },
        spec: { selector: { app: name }, ports: [{ name: 'http', port: 8080 }] },
      });
      for (const version of ['v1', 'v2']) {
        for (let p = 0; p < 2; p++) {
          objects.push({
            kind: 'Pod',
            apiVersion: 'v1',
            metadata: { name: `${name}-${version}-${p}`, namespace: ns, labels: { app: name, version } },
            spec: {},
            status: { phase: 'Running', ready: p === 0 },
          });
        }
      }
      objects.push({
        kind: 'DestinationRule',
        apiVersion: 'networking.istio.io/v1',
        metadata: { name, namespace: ns },
        spec: {
          host: name,
          trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
          subsets: [
            { name: 'v1', labels: { version: 'v1' } },
            { name: 'v2', labels: { version: 'v2' } },
          ],
        },
      });
      const next = `svc-${(s + 1) % SERVICES_PER_NAMESPACE}`;
      const http: HTTPRoute[] = [];
      for (let r = 0; r < ROUTES_PER_SERVICE - 1; r++) {
        http.push({
          name: `r${r}`,
          match: [{ uri: { prefix: `/api/${r}` } }, { headers: { 'x-tenant': { exact: `t${r}` } } }],
          route: [{ destination: { host: next, subset: 'v1' } }],
          retries: { attempts: 3, perTryTimeout: '2s' },
        });
      }
      http.push({
        name: 'default',
        route: [
          { destination: { host: name, subset: 'v1' }, weight: 90 },
          { destination: { host: `${name}.${ns}.svc.cluster.local`, subset: 'v2' }, weight: 10 },
        ],
        mirror: { host: name, subset: 'v2' },
        mirrorPercentage: { value: 5 },
      });
      routes += http.length;
      objects.push({
        kind: 'VirtualService',
        apiVersion: 'networking.istio.io/v1',
        metadata: { name, namespace: ns },
        spec:
          s === 0
            ? { hosts: [name, `${ns}.example.com`], gateways: ['mesh', 'edge'], http }
            : { hosts: [name], http },
      });
    }
  }
  const snapshot: MeshSnapshot = {
    sequence: 1,
    objects: Object.fromEntries(objects.map((object) => [keyOf(object), object])),
    sync: {
      backend: 'files',
      source: 'bench',
      demo: false,
      synced: true,
      syncedAt: new Date(0).toISOString(),
    },
  };
  return { snapshot, routes };
}

const { snapshot, routes } = syntheticMesh();
validate(snapshot); // warm up
const times: number[] = [];
let findings = 0;
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  findings = validate(snapshot).length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const ms = Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10;
console.log(
  JSON.stringify({ bench: 'validate', routes, objects: Object.keys(snapshot.objects).length, findings, ms }),
);
