import { GATEWAY_ROUTE_KINDS, type GatewayRoute } from '../mesh/gateway-api-types';
import { objectKey } from '../mesh/object-key';
import { backendShares } from '../mesh/resolve/gateway-api';
import { routeAddressKey } from '../mesh/route-address';
import { routeAt } from '../mesh/routes';
import type { MeshSnapshot, ObjectKey, StoredObject } from '../mesh/types';
import { effectiveWeights } from '../mesh/weights';
import { list, num, record } from './read';
import type { GraphEdge, MeshGraph } from './types';

/**
 * buildGraph(after) from the graph of the snapshot before, when only the weights of the
 * VirtualServices and Gateway API routes `changed` moved and their findings stayed the same:
 * their weight edges get their new percentages (a Gateway API rule's shares of its relative
 * weights), every other node and edge is the same object as before (so the canvas re-renders
 * those edges alone).
 */
export function patchWeights(
  graph: MeshGraph,
  after: MeshSnapshot,
  changed: readonly ObjectKey[],
): MeshGraph {
  if (changed.length === 0) return graph;
  const keys = new Set(changed);
  const sharesOf = new Map<string, { shares: readonly number[]; written: readonly (number | undefined)[] }>();
  const edges = graph.edges.map((edge): GraphEdge => {
    const data = edge.weight;
    if (edge.kind !== 'weight' || !data || !edge.ref) return edge;
    const key = objectKey(edge.ref);
    if (!keys.has(key)) return edge;
    const route = routeAddressKey(data);
    let found = sharesOf.get(route);
    if (!found) {
      found = weightsAt(after.objects[key], data.routeKind, data.routeIndex);
      sharesOf.set(route, found);
    }
    const weight = found.shares[data.destinationIndex] ?? 0;
    const written = found.written[data.destinationIndex];
    const explicit = written !== undefined;
    if (data.routeKind === 'rules') {
      if (weight === data.weight && explicit === data.explicit && written === data.relative) return edge;
      const { relative: _relative, ...rest } = data;
      return {
        ...edge,
        weight: { ...rest, weight, explicit, ...(written !== undefined && { relative: written }) },
      };
    }
    if (weight === data.weight && explicit === data.explicit) return edge;
    return { ...edge, weight: { ...data, weight, explicit } };
  });
  return { nodes: graph.nodes, edges };
}

/** A route's written weights and the shares the graph draws from them (Istio's or the Gateway API's reading). */
function weightsAt(
  object: StoredObject | undefined,
  routeKind: string,
  routeIndex: number,
): { shares: readonly number[]; written: readonly (number | undefined)[] } {
  if (routeKind === 'rules') {
    const isRoute = object && (GATEWAY_ROUTE_KINDS as readonly string[]).includes(object.kind);
    const rule = isRoute ? (object as GatewayRoute).spec.rules?.[routeIndex] : undefined;
    const written = list(rule?.backendRefs).map((backend) => num(record(backend).weight));
    return { shares: backendShares(written), written };
  }
  const found =
    object?.kind === 'VirtualService'
      ? routeAt(object, routeKind as Parameters<typeof routeAt>[1], routeIndex)
      : undefined;
  const written = list(found?.route).map((entry) => num(record(entry).weight));
  return { shares: effectiveWeights(written), written };
}
