// A synthetic mesh of 2,000 HTTP routes (25 namespaces × 20 services × 4 routes): what the
// validate and trace benchmarks measure against.
import { keyOf } from '../../lib/mesh/object-key';
import type { HTTPRoute, MeshObject, MeshSnapshot } from '../../lib/mesh/types';

const NAMESPACES = 25;
const SERVICES_PER_NAMESPACE = 20;
const ROUTES_PER_SERVICE = 4;

/** The mesh and how many HTTP routes it holds. */
export function syntheticMesh(): { snapshot: MeshSnapshot; routes: number } {
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
  return { snapshot: benchSnapshot(objects), routes };
}

/** Objects as a synced snapshot, the shape every in-process bench measures. */
export function benchSnapshot(objects: readonly MeshSnapshot['objects'][string][]): MeshSnapshot {
  return {
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
}
