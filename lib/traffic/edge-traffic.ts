import { placeOfDestinationNode } from '../graph/ids';
import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { labels } from '../graph/read';
import type { GraphEdge } from '../graph/types';
import { objectKey } from '../mesh/object-key';
import { type RouteAddress, routeAddressKey } from '../mesh/route-address';
import { ownerOf, subsetOf } from '../trace/destinations';
import { istioWorkload, subsetVersion } from './istio-labels';
import { podsSelected } from './pod-labels';
import { gatewayWorkloads, sourceFilter } from './sources';
import type { EdgeTraffic, TrafficSample } from './types';

/**
 * Which samples a route destination stands for: its host's (`destination_service` is the
 * cluster's host), narrowed for a subset to the workloads of the pods the subset selects
 * (Istio's destination_workload) or, with no pods known, to the version the subset's labels
 * pin (destination_version). Answers a test on a sample of that host.
 */
export function destinationMatcher(
  index: MeshIndex,
  fqdn: string,
  subset: string | undefined,
  namespace: string,
): (sample: TrafficSample) => boolean {
  if (subset === undefined) return () => true;
  const subsetLabels = subsetOf(index, fqdn, subset, namespace);
  if (!subsetLabels) return () => false;
  const owner = ownerOf(index, fqdn);
  const selector = owner?.kind === 'Service' ? labels(owner.spec.selector) : {};
  if (owner && Object.keys(selector).length > 0 && index.pods.length > 0) {
    const pods = podsSelected(index, namespaceOf(owner), { ...selector, ...subsetLabels });
    const workloads = new Set(pods.map(istioWorkload));
    if (workloads.size > 0) return (s) => workloads.has(s.workload);
  }
  const version = subsetVersion(subsetLabels);
  return version === undefined ? () => false : (s) => s.version === version;
}

/** What one weight edge reads of the samples: its host's, those its test keeps; and its route. */
interface EdgePlan {
  edge: GraphEdge;
  host: string;
  route: string;
  test: (sample: TrafficSample) => boolean;
}

// The plan depends on the configuration only: kept per index and edge list, so a refresh of
// the figures (every few seconds) only groups and sums samples.
const plans = new WeakMap<MeshIndex, WeakMap<readonly GraphEdge[], EdgePlan[]>>();

function edgePlans(index: MeshIndex, edges: readonly GraphEdge[]): EdgePlan[] {
  let byEdges = plans.get(index);
  if (!byEdges) {
    byEdges = new WeakMap();
    plans.set(index, byEdges);
  }
  const known = byEdges.get(edges);
  if (known) return known;
  const gateways = gatewayWorkloads(index);
  const matchers = new Map<string, (sample: TrafficSample) => boolean>();
  const clients = new Map<string, ((sample: TrafficSample) => boolean) | undefined>();
  const result: EdgePlan[] = [];
  for (const edge of edges) {
    if (edge.kind !== 'weight' || !edge.weight) continue;
    const place = placeOfDestinationNode(edge.target);
    if (!place) continue;
    const { ref } = edge.weight;
    // Per object, kind and all: an HTTPRoute may share a VirtualService's name.
    const key = objectKey(ref);
    if (!clients.has(key)) clients.set(key, sourceFilter(index, ref, gateways));
    const fromClients = clients.get(key);
    const destinationKey = `${place.host}|${place.subset ?? ''}|${ref.namespace}`;
    let matcher = matchers.get(destinationKey);
    if (!matcher) {
      matcher = destinationMatcher(index, place.host, place.subset, ref.namespace);
      matchers.set(destinationKey, matcher);
    }
    const destination = matcher;
    result.push({
      edge,
      host: place.host,
      route: routeAddressKey(edge.weight),
      test: fromClients ? (s) => destination(s) && fromClients(s) : destination,
    });
  }
  byEdges.set(edges, result);
  return result;
}

/** A route's measured figures, summed over its edges: what its shares are counted in. */
interface RouteTotals {
  rps: number;
  tcpBytes: number;
  tcpConnections: number;
}

/**
 * What an edge's share of its route is counted in: one unit per route, chosen by its kind.
 * Istio's samples are by host (no port or protocol label), so a host answering HTTP on one
 * port and TCP on another carries both figures on one sample: an HTTP route counts requests,
 * a TCP or TLS route its TCP figures, never a mix of requests/s and bytes/s. Envoy's
 * tcp_proxy applies a TCP route's weights per connection, so its share is of the connections
 * opened; a route that opened none in the window (long-lived pools) is split by bytes sent.
 */
function shareMeasure(
  route: Pick<RouteAddress, 'ref' | 'routeKind'> | undefined,
  totals: RouteTotals,
): (figures: { rps: number; tcpBytes?: number; tcpConnections?: number }) => number {
  if (route && countsRequests(route.ref.kind, route.routeKind)) return (f) => f.rps;
  if (totals.tcpConnections > 0) return (f) => f.tcpConnections ?? 0;
  return (f) => f.tcpBytes ?? 0;
}

/**
 * Whether a route's traffic is requests (an HTTP route of a VirtualService, an HTTPRoute's or
 * GRPCRoute's rule) rather than TCP connections and bytes (a tcp or tls route, a TCPRoute's or
 * TLSRoute's rule). A Gateway API rule's routeKind is `rules` whatever its object's kind.
 */
export function countsRequests(objectKind: string, routeKind: string): boolean {
  return (
    routeKind === 'http' ||
    (routeKind === 'rules' && (objectKind === 'HTTPRoute' || objectKind === 'GRPCRoute'))
  );
}

/**
 * Traffic on each weight edge: its requests per second, its share of its route's measured
 * traffic (shareMeasure), the non-5xx share, the slowest matching group's p50/p99 and the requests Envoy
 * flagged. Istio's metrics carry no route: a route gets its clients' samples (its gateways'
 * proxies, or the sidecars), so two mesh routes to one destination both show the host's traffic.
 */
export function edgeTraffic(
  index: MeshIndex,
  edges: readonly GraphEdge[],
  samples: readonly TrafficSample[],
): Map<string, EdgeTraffic> {
  const result = new Map<string, EdgeTraffic>();
  const routeTotals = new Map<string, RouteTotals>();
  const byService = new Map<string, TrafficSample[]>();
  for (const sample of samples) {
    const list = byService.get(sample.service);
    if (list) list.push(sample);
    else byService.set(sample.service, [sample]);
  }
  const plan = edgePlans(index, edges);
  for (const { edge, host, route, test } of plan) {
    let rps = 0;
    let errors = 0;
    let p50: number | undefined;
    let p99: number | undefined;
    let tcp: number | undefined;
    let connections: number | undefined;
    let flags: Record<string, number> | undefined;
    for (const s of byService.get(host) ?? []) {
      if (!test(s)) continue;
      rps += s.rps;
      errors += s.errorRps;
      if (s.p50 !== undefined && (p50 === undefined || s.p50 > p50)) p50 = s.p50;
      if (s.p99 !== undefined && (p99 === undefined || s.p99 > p99)) p99 = s.p99;
      if (s.tcpBytes !== undefined) tcp = (tcp ?? 0) + s.tcpBytes;
      if (s.tcpConnections !== undefined) connections = (connections ?? 0) + s.tcpConnections;
      if (s.flags) {
        flags ??= {};
        for (const [flag, value] of Object.entries(s.flags)) flags[flag] = (flags[flag] ?? 0) + value;
      }
    }
    result.set(edge.id, {
      rps,
      ...(rps > 0 && { success: 1 - errors / rps }),
      ...(p50 !== undefined && { p50 }),
      ...(p99 !== undefined && { p99 }),
      ...(tcp !== undefined && { tcpBytes: tcp }),
      ...(connections !== undefined && { tcpConnections: connections }),
      ...(flags && { flags }),
    });
    const totals = routeTotals.get(route) ?? { rps: 0, tcpBytes: 0, tcpConnections: 0 };
    totals.rps += rps;
    totals.tcpBytes += tcp ?? 0;
    totals.tcpConnections += connections ?? 0;
    routeTotals.set(route, totals);
  }
  for (const { edge, route } of plan) {
    const traffic = result.get(edge.id);
    const totals = routeTotals.get(route);
    if (!traffic || !totals) continue;
    const measure = shareMeasure(edge.weight, totals);
    const total = measure(totals);
    if (total > 0) traffic.share = measure(traffic) / total;
  }
  return result;
}
