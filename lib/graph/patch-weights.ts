import { objectKey } from '../mesh/object-key';
import { routeAt } from '../mesh/routes';
import type { MeshSnapshot, ObjectKey } from '../mesh/types';
import { effectiveWeights } from '../mesh/weights';
import { list, num, record } from './read';
import type { GraphEdge, MeshGraph } from './types';

/**
 * buildGraph(after) from the graph of the snapshot before, when only the weights of the
 * VirtualServices `changed` moved and their findings stayed the same: the weight edges of
 * those VirtualServices get their new percentages, every other node and edge is the same
 * object as before (so the canvas re-renders those edges alone).
 */
export function patchWeights(
  graph: MeshGraph,
  after: MeshSnapshot,
  changed: readonly ObjectKey[],
): MeshGraph {
  if (changed.length === 0) return graph;
  const keys = new Set(changed);
  const weightsOf = new Map<string, readonly (number | undefined)[]>();
  const edges = graph.edges.map((edge): GraphEdge => {
    const data = edge.weight;
    // A Gateway API route's rules ('rules') never change alone: weightOnlyChanges names VirtualServices only.
    if (edge.kind !== 'weight' || !data || !edge.ref || data.routeKind === 'rules') return edge;
    const key = objectKey(edge.ref);
    if (!keys.has(key)) return edge;
    const route = `${key}\n${data.routeKind}\n${data.routeIndex}`;
    let written = weightsOf.get(route);
    if (!written) {
      const object = after.objects[key];
      const found =
        object?.kind === 'VirtualService' ? routeAt(object, data.routeKind, data.routeIndex) : undefined;
      written = list(found?.route).map((entry) => num(record(entry).weight));
      weightsOf.set(route, written);
    }
    const weight = effectiveWeights(written)[data.destinationIndex] ?? 0;
    const explicit = written[data.destinationIndex] !== undefined;
    if (weight === data.weight && explicit === data.explicit) return edge;
    return { ...edge, weight: { ...data, weight, explicit } };
  });
  return { nodes: graph.nodes, edges };
}
