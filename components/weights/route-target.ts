import type { GraphEdge, GraphNode } from '@/lib/graph/types';
import type { RouteAddress } from '@/lib/mesh/route-address';

/** The route whose weights can be edited from a selected route node or weight edge, if any. */
export function routeTargetOf(selected: { node?: GraphNode; edge?: GraphEdge }): RouteAddress | undefined {
  const weight = selected.edge?.weight;
  // The route alone, not the weight edge's other fields: it is compared and kept as a target.
  if (weight) return { ref: weight.ref, routeKind: weight.routeKind, routeIndex: weight.routeIndex };
  return selected.node?.kind === 'route' ? selected.node.route : undefined;
}
