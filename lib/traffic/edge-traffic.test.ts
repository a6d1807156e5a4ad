import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/build-graph';
import { indexSnapshot } from '../graph/index-snapshot';
import { snapshotFromYaml } from '../validate/yaml-fixtures';
import { edgeTrafficText } from './edge-text';
import { edgeTraffic } from './edge-traffic';
import { STOCK_TCP_ROUTE } from './stock-tcp-fixture';
import { trafficFindings } from './traffic-findings';
import type { TrafficSample } from './types';

const demoDir = join(__dirname, '../../demo/mesh');
const demo = snapshotFromYaml(
  readdirSync(demoDir).map((file) => ({ file, text: readFileSync(join(demoDir, file), 'utf8') })),
);
const graph = buildGraph(demo);
const index = indexSnapshot(demo);
const CATALOG = 'catalog.shop.svc.cluster.local';
const catalogEdge = (destination: number) => `weight:VirtualService/shop/catalog/http/0/${destination}`;

function sample(
  workload: string,
  version: string,
  rps: number,
  extra: Partial<TrafficSample> = {},
): TrafficSample {
  return {
    service: CATALOG,
    namespace: 'shop',
    workload,
    version,
    sourceWorkload: 'frontend',
    sourceNamespace: 'shop',
    rps,
    errorRps: 0,
    ...extra,
  };
}

describe('edgeTraffic on the demo mesh', () => {
  it('finds the catalog canary: each subset by the workloads of the pods it selects', () => {
    expect(graph.edges.some((edge) => edge.id === catalogEdge(1))).toBe(true);
    const traffic = edgeTraffic(index, graph.edges, [
      sample('catalog-v1', 'v1', 90.4, { p50: 20, p99: 80 }),
      sample('catalog-v2', 'v2', 9.6, { errorRps: 0.0096, p50: 30, p99: 120 }),
      // Another host's series never land on catalog's edges.
      { ...sample('cart-v1', 'v1', 50), service: 'cart.shop.svc.cluster.local' },
    ]);
    const v2 = traffic.get(catalogEdge(1));
    expect(v2?.share).toBeCloseTo(0.096, 5);
    expect(v2?.success).toBeCloseTo(0.999, 5);
    expect(edgeTrafficText(v2)).toBe('measured 9.6% · 99.9% ok · p99 120 ms');
    expect(traffic.get(catalogEdge(0))?.share).toBeCloseTo(0.904, 5);
  });

  it("keeps the gateway's requests on the gateway's routes and the sidecars' on the mesh's", () => {
    const gateway = { sourceWorkload: 'istio-ingressgateway', sourceNamespace: 'istio-system' };
    const traffic = edgeTraffic(index, graph.edges, [
      sample('catalog-v1', 'v1', 90),
      sample('catalog-v2', 'v2', 10),
      sample('catalog-v1', 'v1', 40, gateway),
      sample('catalog-v2', 'v2', 20, { ...gateway, errorRps: 20 }),
    ]);
    expect(traffic.get(catalogEdge(1))).toMatchObject({ rps: 10, share: 0.1, success: 1 });
    expect(traffic.get('weight:VirtualService/shop/storefront/http/0/0')).toMatchObject({
      rps: 60,
      share: 1,
    });
    expect(traffic.get('weight:VirtualService/shop/storefront/http/0/0')?.success).toBeCloseTo(2 / 3, 5);
  });

  it("never lends a VirtualService's gateway-only clients to an HTTPRoute of the same name", () => {
    // storefront is bound to the ingress gateway only; an HTTPRoute storefront is the mesh's.
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: storefront, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: catalog, port: 8080}]
  rules:
    - backendRefs: [{name: catalog, port: 8080}]
`;
    const mesh = snapshotFromYaml([
      ...readdirSync(demoDir).map((file) => ({ file, text: readFileSync(join(demoDir, file), 'utf8') })),
      { file: 'storefront-route.yaml', text: route },
    ]);
    const gateway = { sourceWorkload: 'istio-ingressgateway', sourceNamespace: 'istio-system' };
    const traffic = edgeTraffic(indexSnapshot(mesh), buildGraph(mesh).edges, [
      sample('catalog-v1', 'v1', 90),
      sample('catalog-v1', 'v1', 40, gateway),
    ]);
    expect(traffic.get('weight:VirtualService/shop/storefront/http/0/0')).toMatchObject({ rps: 40 });
    expect(traffic.get('weight:HTTPRoute/shop/storefront/rules/0/0')).toMatchObject({ rps: 130 });
  });

  it("splits an HTTPRoute rule's share by requests, as a VirtualService's http route", () => {
    // A Gateway API rule's routeKind is `rules`: its share is of requests, not TCP figures
    // (which Istio does not report for HTTP traffic, so the share was missing before).
    const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: split, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: catalog, port: 8080}]
  rules:
    - backendRefs: [{name: catalog, port: 8080, weight: 90}, {name: cart, port: 8080, weight: 10}]
`;
    const mesh = snapshotFromYaml([
      ...readdirSync(demoDir).map((file) => ({ file, text: readFileSync(join(demoDir, file), 'utf8') })),
      { file: 'split-route.yaml', text: route },
    ]);
    const traffic = edgeTraffic(indexSnapshot(mesh), buildGraph(mesh).edges, [
      sample('catalog-v1', 'v1', 90),
      sample('cart', 'v1', 10, { service: 'cart.shop.svc.cluster.local', errorRps: 1 }),
    ]);
    expect(traffic.get('weight:HTTPRoute/shop/split/rules/0/0')).toMatchObject({
      rps: 90,
      share: 0.9,
      success: 1,
    });
    expect(traffic.get('weight:HTTPRoute/shop/split/rules/0/1')).toMatchObject({ rps: 10, share: 0.1 });
    expect(edgeTrafficText(traffic.get('weight:HTTPRoute/shop/split/rules/0/1'))).toMatch(/^measured 10%/);
  });

  it('says "no requests" for a route Prometheus has nothing on, and finds nothing wrong', () => {
    const traffic = edgeTraffic(index, graph.edges, []);
    expect(edgeTrafficText(traffic.get(catalogEdge(1)))).toBe('no requests');
    expect(trafficFindings(graph.edges, traffic, '1m')).toEqual([]);
  });

  it('reports a failing subset, a share far from its weight, and traffic where none is configured', () => {
    const failing = edgeTraffic(index, graph.edges, [
      sample('catalog-v1', 'v1', 50),
      sample('catalog-v2', 'v2', 50, { errorRps: 10 }),
    ]);
    const findings = trafficFindings(graph.edges, failing, '5m');
    expect(findings.map((f) => [f.code, `${f.ref.name} ${f.path}`])).toEqual([
      ['TRAFFIC_SHARE_DRIFT', 'catalog spec.http[0].route[0]'],
      ['TRAFFIC_ERROR_RATE', 'catalog spec.http[0].route[1]'],
      ['TRAFFIC_SHARE_DRIFT', 'catalog spec.http[0].route[1]'],
    ]);
    expect(findings[1]?.message).toBe(
      'catalog subset v2 answered 20% of its requests with a 5xx over the last 5m (above 5%)',
    );
    expect(findings[1]?.ref).toEqual({ kind: 'VirtualService', namespace: 'shop', name: 'catalog' });
  });
});

describe('workloadTraffic on the demo mesh', () => {
  it("sums the requests of the node's pods' workloads, from any client", async () => {
    const { workloadTraffic } = await import('./workload-traffic');
    const traffic = workloadTraffic(index, graph.nodes, [
      sample('catalog-v2', 'v2', 6, { errorRps: 0.3 }),
      sample('catalog-v2', 'v2', 4, {
        sourceWorkload: 'istio-ingressgateway',
        sourceNamespace: 'istio-system',
      }),
      sample('catalog-v1', 'v1', 90),
    ]);
    const v2 = traffic.get('workload:shop/app=catalog,version=v2');
    expect(v2?.rps).toBe(10);
    expect(v2?.success).toBeCloseTo(0.97, 5);
    expect(traffic.get('workload:shop/app=catalog,version=v1')?.rps).toBe(90);
  });
});

describe('edgeTraffic on a TCP route', () => {
  const mesh = snapshotFromYaml([
    ...readdirSync(demoDir).map((file) => ({ file, text: readFileSync(join(demoDir, file), 'utf8') })),
    { file: 'stock.yaml', text: STOCK_TCP_ROUTE },
  ]);
  const stock = (workload: string, version: string, tcpBytes: number, tcpConnections: number) => ({
    ...sample(workload, version, 0, { tcpBytes, tcpConnections }),
    service: 'stock.shop.svc.cluster.local',
    sourceWorkload: 'traffic-client',
  });

  it("splits by the connections opened (Envoy's tcp_proxy weighs connections), not the bytes they carry", () => {
    // 80/20 by connections, while v2's connections carry four times v1's bytes: 50/50 by bytes.
    const traffic = edgeTraffic(indexSnapshot(mesh), buildGraph(mesh).edges, [
      stock('stock-v1', 'v1', 3000, 6),
      stock('stock-v1', 'v1', 1000, 2),
      stock('stock-v2', 'v2', 4000, 2),
    ]);
    expect(traffic.get('weight:VirtualService/shop/stock/tcp/0/0')).toEqual({
      rps: 0,
      tcpBytes: 4000,
      tcpConnections: 8,
      share: 0.8,
    });
    expect(traffic.get('weight:VirtualService/shop/stock/tcp/0/1')).toEqual({
      rps: 0,
      tcpBytes: 4000,
      tcpConnections: 2,
      share: 0.2,
    });
  });

  it('falls back to the bytes sent when the route opened no connection in the window (long-lived pools)', () => {
    const traffic = edgeTraffic(indexSnapshot(mesh), buildGraph(mesh).edges, [
      stock('stock-v1', 'v1', 3000, 0),
      stock('stock-v1', 'v1', 1000, 0),
      stock('stock-v2', 'v2', 1000, 0),
    ]);
    expect(traffic.get('weight:VirtualService/shop/stock/tcp/0/0')).toEqual({
      rps: 0,
      tcpBytes: 4000,
      tcpConnections: 0,
      share: 0.8,
    });
    expect(traffic.get('weight:VirtualService/shop/stock/tcp/0/1')?.share).toBeCloseTo(0.2, 10);
  });
});

describe('edgeTraffic on a host that serves HTTP and TCP', () => {
  const mesh = snapshotFromYaml([
    ...readdirSync(demoDir).map((file) => ({ file, text: readFileSync(join(demoDir, file), 'utf8') })),
    { file: 'stock.yaml', text: STOCK_TCP_ROUTE },
  ]);
  const stock = (version: string, extra: Partial<TrafficSample>) => ({
    ...sample(`stock-${version}`, version, 0, extra),
    service: 'stock.shop.svc.cluster.local',
    sourceWorkload: 'traffic-client',
  });

  it("splits a TCP route by its TCP figures only, never adding one version's requests to another's bytes", () => {
    // Istio's samples are by host: v1 also answers 2 req/s on an HTTP port of stock.
    const traffic = edgeTraffic(indexSnapshot(mesh), buildGraph(mesh).edges, [
      stock('v1', { rps: 2, tcpBytes: 4000 }),
      stock('v2', { tcpBytes: 1000 }),
    ]);
    expect(traffic.get('weight:VirtualService/shop/stock/tcp/0/0')).toMatchObject({
      rps: 2,
      tcpBytes: 4000,
      share: 0.8,
    });
    expect(traffic.get('weight:VirtualService/shop/stock/tcp/0/1')).toMatchObject({
      rps: 0,
      tcpBytes: 1000,
      share: 0.2,
    });
  });

  it("splits an HTTP route by its requests only, whatever TCP bytes its host's samples carry", () => {
    const traffic = edgeTraffic(index, graph.edges, [
      sample('catalog-v1', 'v1', 0, { tcpBytes: 50_000 }),
      sample('catalog-v2', 'v2', 10, { tcpBytes: 100 }),
    ]);
    expect(traffic.get(catalogEdge(0))?.share).toBe(0);
    expect(traffic.get(catalogEdge(1))?.share).toBe(1);
  });
});
