import { type MeshIndex, namespaceOf } from '../graph/index-snapshot';
import { labels, strings } from '../graph/read';
import { MESH_GATEWAY, selects } from '../mesh/resolve';
import type { ObjectRef } from '../mesh/types';
import { istioWorkload } from './istio-labels';
import type { TrafficSample } from './types';

// Istio's metrics carry no route, but they name the client: a gateway's proxy or a sidecar.
// A VirtualService bound to gateways only routes what those gateways' proxies send; one bound
// to the mesh only, what sidecars send. Telling them apart keeps the storefront gateway's
// requests to catalog off the mesh canary's edges.

/** `namespace/workload` of each Gateway's proxies (the pods its selector picks), by `namespace/name`. */
export function gatewayWorkloads(index: MeshIndex): GatewayWorkloads {
  const result = new Map<string, Set<string>>();
  for (const gateway of index.gateways) {
    const selector = labels(gateway.spec.selector);
    const workloads = new Set<string>();
    if (Object.keys(selector).length > 0)
      for (const pod of index.pods)
        if (selects(selector, pod.metadata.labels))
          workloads.add(`${namespaceOf(pod)}/${istioWorkload(pod)}`);
    result.set(`${namespaceOf(gateway)}/${gateway.metadata.name}`, workloads);
  }
  const all = new Set([...result.values()].flatMap((set) => [...set]));
  return { byGateway: result, all };
}

/** Each Gateway's proxy workloads, and all of them together. */
export interface GatewayWorkloads {
  byGateway: ReadonlyMap<string, ReadonlySet<string>>;
  all: ReadonlySet<string>;
}

/**
 * Which samples a VirtualService's routes carry, by their client; undefined: all (bound to
 * both, or the gateways' proxies are not known, or a Gateway API route: a VirtualService of
 * the same name says nothing about it).
 */
export function sourceFilter(
  index: MeshIndex,
  vsRef: ObjectRef,
  gateways: GatewayWorkloads,
): ((sample: TrafficSample) => boolean) | undefined {
  if (vsRef.kind !== 'VirtualService') return undefined;
  const vs = index.virtualServiceByName.get(`${vsRef.namespace}/${vsRef.name}`);
  if (!vs) return undefined;
  const bound = strings(vs.spec.gateways);
  const mesh = bound.length === 0 || bound.includes(MESH_GATEWAY);
  const named = bound
    .filter((g) => g !== MESH_GATEWAY)
    .map((g) => (g.includes('/') ? g : `${vsRef.namespace}/${g}`));
  const source = (s: TrafficSample) => `${s.sourceNamespace}/${s.sourceWorkload}`;
  if (mesh && named.length === 0)
    return gateways.all.size === 0 ? undefined : (s) => !gateways.all.has(source(s));
  if (mesh) return undefined;
  const proxies = new Set(named.flatMap((g) => [...(gateways.byGateway.get(g) ?? [])]));
  return proxies.size === 0 ? undefined : (s) => proxies.has(source(s));
}
