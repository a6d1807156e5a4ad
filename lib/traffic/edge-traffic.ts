import { placeOfDestinationNode } from '../graph/ids';
import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { labels } from '../graph/read';
import type { GraphEdge } from '../graph/types';
import { selects } from '../mesh/resolve';
import { routeAddressKey } from '../mesh/route-address';
import { ownerOf, subsetOf } from '../trace/destinations';
import { istioWorkload, subsetVersion } from './istio-labels';
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
    const wanted = { ...selector, ...subsetLabels };
    const workloads = new Set(
      (index.podsByNamespace.get(namespaceOf(owner)) ?? [])
        .filter((pod) => selects(wanted, pod.metadata.labels))
        .map(istioWorkload),
    );
    if (workloads.size > 0) return (s) => workloads.has(s.workload);
  }
  const version = subsetVersion(subsetLabels);
  return version === undefined ? () => false : (s) => s.version === version;
}

/**
 * Traffic on each weight edge: its requests per second, its share of its route's measured
 * requests, the non-5xx share and the slowest matching group's p50/p99. Istio's metrics
 * carry no route: a route gets its clients' samples (its gateways' proxies, or the sidecars),
 * so two mesh routes to one destination both show the host's traffic.
 */
export function edgeTraffic(
  index: MeshIndex,
  edges: readonly GraphEdge[],
  samples: readonly TrafficSample[],
): Map<string, EdgeTraffic> {
  const result = new Map<string, EdgeTraffic>();
  const routeTotals = new Map<string, number>();
  const gateways = gatewayWorkloads(index);
  // Samples by host, and one matcher per destination and one client filter per
  // VirtualService: a refresh stays linear in edges and samples.
  const byService = new Map<string, TrafficSample[]>();
  for (const sample of samples) {
    const list = byService.get(sample.service);
    if (list) list.push(sample);
    else byService.set(sample.service, [sample]);
  }
  const matchers = new Map<string, (sample: TrafficSample) => boolean>();
  const clients = new Map<string, ((sample: TrafficSample) => boolean) | undefined>();
  for (const edge of edges) {
    if (edge.kind !== 'weight' || !edge.weight) continue;
    const place = placeOfDestinationNode(edge.target);
    if (!place) continue;
    const { ref } = edge.weight;
    const vsKey = `${ref.namespace}/${ref.name}`;
    if (!clients.has(vsKey)) clients.set(vsKey, sourceFilter(index, ref, gateways));
    const fromClients = clients.get(vsKey);
    const destinationKey = `${place.host}|${place.subset ?? ''}|${ref.namespace}`;
    let matcher = matchers.get(destinationKey);
    if (!matcher) {
      matcher = destinationMatcher(index, place.host, place.subset, ref.namespace);
      matchers.set(destinationKey, matcher);
    }
    const test = matcher;
    const matched = (byService.get(place.host) ?? []).filter(
      (s) => test(s) && (!fromClients || fromClients(s)),
    );
    const rps = sum(matched, (s) => s.rps);
    const errors = sum(matched, (s) => s.errorRps);
    const p50 = max(matched, (s) => s.p50);
    const p99 = max(matched, (s) => s.p99);
    const tcp = matched.some((s) => s.tcpBytes !== undefined)
      ? sum(matched, (s) => s.tcpBytes ?? 0)
      : undefined;
    result.set(edge.id, {
      rps,
      ...(rps > 0 && { success: 1 - errors / rps }),
      ...(p50 !== undefined && { p50 }),
      ...(p99 !== undefined && { p99 }),
      ...(tcp !== undefined && { tcpBytes: tcp }),
    });
    const route = routeAddressKey(edge.weight);
    routeTotals.set(route, (routeTotals.get(route) ?? 0) + (rps > 0 ? rps : (tcp ?? 0)));
  }
  for (const edge of edges) {
    const traffic = result.get(edge.id);
    if (!traffic || !edge.weight) continue;
    const total = routeTotals.get(routeAddressKey(edge.weight)) ?? 0;
    const own = traffic.rps > 0 ? traffic.rps : (traffic.tcpBytes ?? 0);
    if (total > 0) traffic.share = own / total;
  }
  return result;
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

function max<T>(items: readonly T[], value: (item: T) => number | undefined): number | undefined {
  let best: number | undefined;
  for (const item of items) {
    const v = value(item);
    if (v !== undefined && (best === undefined || v > best)) best = v;
  }
  return best;
}
