/**
 * Graph building and layout on synthetic meshes. Prints one JSON line per figure:
 *   npx tsx bench/graph-build.ts
 * {"bench":"graph-build","routes":500,"nodes":…,"edges":…,"ms":…}
 * {"bench":"graph-layout","nodes":…,"edges":…,"parts":…,"ms":…,"height":…}
 * (`height`: how tall the drawing is, in px; `parts`: its unconnected parts)
 */

import { buildGraph } from '../lib/graph/build-graph';
import { connectedParts } from '../lib/graph/connected-parts';
import { layoutGraph, nodeSize, type XY } from '../lib/graph/layout';
import type { MeshObject, MeshSnapshot } from '../lib/mesh/types';
import { benchSnapshot } from './support/synthetic-mesh';

const ISTIO = 'networking.istio.io/v1';
const ROUTES_PER_SERVICE = 4;
const SERVICES_PER_NAMESPACE = 10;

/**
 * A mesh with `routes` http routes: namespaces of ten services, each with a canary, a header
 * match and pods. Linked: every other service is bound to its namespace's gateway and some
 * routes go to the next service, which makes it one connected graph; otherwise each service's
 * VirtualService tree stands on its own.
 */
function syntheticMesh(routes: number, linked = true): MeshSnapshot {
  const objects: MeshObject[] = [];
  const services = Math.ceil(routes / ROUTES_PER_SERVICE);
  for (let s = 0; s < services; s++) {
    const namespace = `team-${Math.floor(s / SERVICES_PER_NAMESPACE)}`;
    const name = `svc-${s}`;
    if (s % SERVICES_PER_NAMESPACE === 0) {
      objects.push({
        kind: 'Namespace',
        apiVersion: 'v1',
        metadata: { name: namespace, labels: { 'istio-injection': 'enabled' } },
        spec: {},
      });
      objects.push({
        kind: 'Gateway',
        apiVersion: ISTIO,
        metadata: { name: 'ingress', namespace },
        spec: {
          selector: { istio: 'ingressgateway' },
          servers: [{ port: { number: 80, protocol: 'HTTP' }, hosts: [`*.${namespace}.example`] }],
        },
      });
    }
    const count = Math.min(ROUTES_PER_SERVICE, routes - s * ROUTES_PER_SERVICE);
    objects.push({
      kind: 'VirtualService',
      apiVersion: ISTIO,
      metadata: { name, namespace },
      spec: {
        hosts: [name, `${name}.${namespace}.example`],
        gateways: linked && s % 2 === 0 ? ['ingress', 'mesh'] : [],
        http: Array.from({ length: count }, (_, r) =>
          r === count - 1
            ? {
                name: 'canary',
                retries: { attempts: 3, perTryTimeout: '2s' },
                route: [
                  { destination: { host: name, subset: 'v1' }, weight: 90 },
                  { destination: { host: name, subset: 'v2' }, weight: 10 },
                ],
              }
            : {
                match: [{ uri: { prefix: `/api/${r}` }, headers: { 'end-user': { exact: `tester-${r}` } } }],
                timeout: '5s',
                route: [
                  {
                    destination: {
                      host:
                        linked && r % 3 === 0
                          ? `svc-${(s + 1) % services}.team-${Math.floor(((s + 1) % services) / SERVICES_PER_NAMESPACE)}`
                          : name,
                      subset: 'v2',
                    },
                  },
                ],
                ...(r % 2 === 0 && { mirror: { host: name, subset: 'v3' }, mirrorPercentage: { value: 5 } }),
              },
        ),
      },
    });
    objects.push({
      kind: 'DestinationRule',
      apiVersion: ISTIO,
      metadata: { name, namespace },
      spec: {
        host: name,
        subsets: ['v1', 'v2', 'v3'].map((version) => ({ name: version, labels: { version } })),
      },
    });
    objects.push({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name, namespace },
      spec: { selector: { app: name }, ports: [{ port: 8080 }] },
    });
    for (const version of ['v1', 'v2', 'v3']) {
      for (let p = 0; p < 2; p++) {
        objects.push({
          kind: 'Pod',
          apiVersion: 'v1',
          metadata: { name: `${name}-${version}-${p}`, namespace, labels: { app: name, version } },
          spec: {},
          status: { phase: 'Running', ready: p === 0 || version !== 'v2' },
        });
      }
    }
  }
  return benchSnapshot(objects);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

for (const routes of [500, 2000]) {
  const snapshot = syntheticMesh(routes);
  buildGraph(snapshot); // warm-up
  const times: number[] = [];
  let graph = buildGraph(snapshot);
  for (let run = 0; run < 7; run++) {
    const start = performance.now();
    graph = buildGraph(snapshot);
    times.push(performance.now() - start);
  }
  console.log(
    JSON.stringify({
      bench: 'graph-build',
      routes,
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      ms: round(median(times)),
    }),
  );
}

// About 500 nodes (150 routes) and about 3,500 (1,000 routes: DESIGN.md's figure is ~1.5 s),
// as one connected graph and as 250 unconnected VirtualService trees.
for (const [routes, linked, runs] of [
  [150, true, 5],
  [1000, true, 3],
  [1000, false, 3],
] as const) {
  const graph = buildGraph(syntheticMesh(routes, linked));
  await layoutGraph(graph, nodeSize); // warm-up
  const times: number[] = [];
  let positions: Record<string, XY> = {};
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    positions = await layoutGraph(graph, nodeSize);
    times.push(performance.now() - start);
  }
  const height = Math.max(...graph.nodes.map((node) => (positions[node.id]?.y ?? 0) + nodeSize(node).height));
  console.log(
    JSON.stringify({
      bench: 'graph-layout',
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      parts: connectedParts(
        graph.nodes.map((node) => node.id),
        graph.edges,
      ).length,
      ms: round(median(times)),
      height: Math.round(height),
    }),
  );
}

// An update: everything placed but one new VirtualService's worth of nodes.
const graph = buildGraph(syntheticMesh(150));
const placed = await layoutGraph(graph, nodeSize);
const fresh = graph.nodes.filter((node) => node.id.includes('svc-0')).map((node) => node.id);
for (const id of fresh) delete placed[id];
const start = performance.now();
await layoutGraph(graph, nodeSize, placed);
console.log(
  JSON.stringify({
    bench: 'graph-layout-update',
    nodes: graph.nodes.length,
    placed: fresh.length,
    ms: round(performance.now() - start),
  }),
);
