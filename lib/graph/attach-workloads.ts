import { selectorText, selects, shortHost } from '../mesh/resolve';
import type { Pod } from '../mesh/types';
import type { SubsetSite } from './attach-subsets';
import type { ServiceEntrySite } from './collect-service-entries';
import { plainEdgeId, workloadId } from './ids';
import { type MeshIndex, namespaceOf } from './index-snapshot';
import { labels, record } from './read';
import type { DestinationSite } from './resolve-destinations';
import type { GraphEdge, GraphNode } from './types';

/** Pods one selector picks in one namespace, drawn as one node with its ready count. */
export interface WorkloadSite {
  id: string;
  pods: Pod[];
  node: GraphNode;
}

/**
 * Workloads behind each subset (the Service's selector plus the subset's labels) and behind
 * each destination without a subset (the Service's selector). Sites that pick the same pods
 * share a node. With no pod in the snapshot at all (a folder of manifests), nothing is known
 * about workloads and none are drawn.
 */
export function attachWorkloads(
  index: MeshIndex,
  destinations: readonly DestinationSite[],
  subsets: readonly SubsetSite[],
  entries: readonly ServiceEntrySite[] = [],
): { workloads: WorkloadSite[]; edges: GraphEdge[] } {
  if (index.pods.length === 0) return { workloads: [], edges: [] };
  const workloads = new Map<string, WorkloadSite>();
  const edges: GraphEdge[] = [];
  const linked = new Set<string>();
  const link = (
    source: string,
    fqdn: string,
    extra: Record<string, string>,
    subset?: string,
    base = selectorOf(index, fqdn),
  ) => {
    if (!base) return;
    const selector = { ...base.selector, ...extra };
    const text = selectorText(selector);
    const id = workloadId(base.namespace, text);
    let site = workloads.get(id);
    if (!site) {
      site = workloadSite(
        id,
        base.namespace,
        [shortHost(fqdn), subset].filter(Boolean).join(' '),
        text,
        index,
        selector,
      );
      workloads.set(id, site);
    }
    const edgeId = plainEdgeId('workload', source, id);
    if (linked.has(edgeId)) return;
    linked.add(edgeId);
    edges.push({ id: edgeId, source, target: id, kind: 'workload', problems: [] });
  };
  for (const site of destinations) {
    if (site.subset === undefined) link(site.id, site.fqdn, {});
  }
  for (const subset of subsets) {
    for (const fqdn of subset.hosts)
      link(subset.id, fqdn, subset.labels, subset.name, selectorOf(index, fqdn, true));
  }
  // A ServiceEntry with a workload selector reaches its pods like a Service (its destinations
  // reach them through it).
  for (const entry of entries) {
    if (Object.keys(entry.selector).length === 0) continue;
    link(entry.id, entry.hosts[0] ?? entry.entry.metadata.name, {}, undefined, {
      namespace: entry.namespace,
      selector: entry.selector,
    });
  }
  return { workloads: [...workloads.values()], edges };
}

// The pods a host stands for: its Service's selector, or for a subset of a ServiceEntry's host
// the entry's workload selector (a destination without subset reaches those through the entry).
function selectorOf(
  index: MeshIndex,
  fqdn: string,
  viaEntry = false,
): { namespace: string; selector: Record<string, string> } | undefined {
  const service = index.serviceByFqdn.get(fqdn);
  const entry = service || !viaEntry ? undefined : index.serviceEntryByHost.get(fqdn);
  const selector = service
    ? labels(service.spec.selector)
    : labels(record(record(entry?.spec).workloadSelector).labels);
  const owner = service ?? entry;
  // No selector: endpoints kept by hand or outside the cluster; Weir cannot tell which pods.
  if (!owner || Object.keys(selector).length === 0) return undefined;
  return { namespace: namespaceOf(owner), selector };
}

function workloadSite(
  id: string,
  namespace: string,
  label: string,
  selector: string,
  index: MeshIndex,
  wanted: Record<string, string>,
): WorkloadSite {
  const pods = (index.podsByNamespace.get(namespace) ?? []).filter((pod) =>
    selects(wanted, pod.metadata.labels),
  );
  const ready = pods.filter((pod) => pod.status.ready).length;
  const details =
    pods.length === 0
      ? ['no pods', selector]
      : [`${ready}/${pods.length} ready`, `${pods.length} ${pods.length === 1 ? 'pod' : 'pods'}`, selector];
  return { id, pods, node: { id, kind: 'workload', namespace, label, details, problems: [] } };
}
