import type { RouteSite } from './collect-routes';
import { plainEdgeId, virtualServiceId } from './ids';
import type { MeshIndex } from './index-snapshot';
import { record, text } from './read';
import type { GraphEdge } from './types';

/**
 * A `delegate` edge from each route that hands its traffic to another VirtualService. A
 * delegate that does not exist draws no edge (validation reports it on the route).
 */
export function attachDelegates(routes: readonly RouteSite[], index: MeshIndex): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const route of routes) {
    if (route.kind !== 'http' || route.route.delegate === undefined) continue;
    const delegate = record(route.route.delegate);
    const name = text(delegate.name);
    const namespace = text(delegate.namespace) ?? route.site.namespace;
    if (!name || !index.virtualServiceByName.has(`${namespace}/${name}`)) continue;
    const target = virtualServiceId(namespace, name);
    edges.push({
      id: plainEdgeId('delegate', route.id, target),
      source: route.id,
      target,
      kind: 'delegate',
      ref: route.site.ref,
      path: `${route.path}.delegate`,
      problems: [],
    });
  }
  return edges;
}
