import type { MeshIndex } from '../graph/index-snapshot';
import type { GraphNode } from '../graph/types';
import { istioWorkload } from './istio-labels';
import { podsSelected } from './pod-labels';
import type { EdgeTraffic, TrafficSample } from './types';

const WORKLOAD_PREFIX = 'workload:';

/** The namespace and selector of a workload node's id (`workload:shop/app=catalog,version=v2`). */
function workloadPlace(id: string): { namespace: string; selector: Record<string, string> } | undefined {
  if (!id.startsWith(WORKLOAD_PREFIX)) return undefined;
  const rest = id.slice(WORKLOAD_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const selector: Record<string, string> = {};
  // Label values hold no comma or `=`; keys may hold a `/` (app.kubernetes.io/name).
  for (const pair of rest.slice(slash + 1).split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    selector[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return Object.keys(selector).length > 0 ? { namespace: rest.slice(0, slash), selector } : undefined;
}

/**
 * Requests each workload node's pods received, from any client and for any of their services:
 * the samples whose destination_workload is one of the node's pods' workloads, in its namespace.
 */
export function workloadTraffic(
  index: MeshIndex,
  nodes: readonly GraphNode[],
  samples: readonly TrafficSample[],
): Map<string, EdgeTraffic> {
  const byWorkload = new Map<string, TrafficSample[]>();
  for (const sample of samples) {
    const key = `${sample.namespace}/${sample.workload}`;
    const list = byWorkload.get(key);
    if (list) list.push(sample);
    else byWorkload.set(key, [sample]);
  }
  const result = new Map<string, EdgeTraffic>();
  for (const node of nodes) {
    if (node.kind !== 'workload') continue;
    const place = workloadPlace(node.id);
    if (!place) continue;
    const workloads = new Set(podsSelected(index, place.namespace, place.selector).map(istioWorkload));
    let rps = 0;
    let errors = 0;
    for (const workload of workloads)
      for (const sample of byWorkload.get(`${place.namespace}/${workload}`) ?? []) {
        rps += sample.rps;
        errors += sample.errorRps;
      }
    if (workloads.size > 0) result.set(node.id, { rps, ...(rps > 0 && { success: 1 - errors / rps }) });
  }
  return result;
}
