import type { GraphEdge, GraphNode } from '@/lib/graph/types';
import type { RouteKind } from '@/lib/mesh/types';
import type { RouteTarget } from '../weights/route-weights';

const ROUTE_PATH = /^spec\.(http|tcp|tls)\[(\d+)\]$/;

/** The route whose weights can be edited from a selected route node or weight edge, if any. */
export function routeTargetOf(selected: { node?: GraphNode; edge?: GraphEdge }): RouteTarget | undefined {
  const weight = selected.edge?.weight;
  if (weight)
    return {
      virtualService: weight.virtualService,
      routeKind: weight.routeKind,
      routeIndex: weight.routeIndex,
    };
  const node = selected.node;
  const match = node?.kind === 'route' && node.ref ? ROUTE_PATH.exec(node.path ?? '') : null;
  if (!node?.ref || !match) return undefined;
  return {
    virtualService: `${node.ref.namespace}/${node.ref.name}`,
    routeKind: match[1] as RouteKind,
    routeIndex: Number(match[2]),
  };
}
