import type { GraphEdge, MeshGraph, WeightData } from '@/lib/graph/types';
import { deepEqual } from '@/lib/mesh/deep-equal';
import { routeAddressKey } from '@/lib/mesh/route-address';
import type { MeshFlowEdge, MeshFlowNode, Size, XY } from './flow-types';

/** The node type a graph node is drawn with: its kind, or `collapsed` for a namespace. */
export function nodeType(id: string, kind: string, collapsedIds: ReadonlySet<string>): string {
  return collapsedIds.has(id) ? 'collapsed' : kind;
}

/** The edge type a graph edge is drawn with. */
export function edgeType(edge: GraphEdge): string {
  if (edge.kind === 'egress' || edge.kind === 'entry') return 'hop';
  return edge.kind === 'weight' || edge.kind === 'mirror' || edge.kind === 'delegate' ? edge.kind : 'plain';
}

/**
 * React Flow nodes for the graph nodes that have a position. A node whose graph node,
 * position and selection did not change is the previous object itself, so React Flow and
 * the memoized node components skip it: an update re-renders only what changed.
 */
export function toFlowNodes(
  graph: MeshGraph,
  positions: ReadonlyMap<string, XY>,
  sizeOf: (node: MeshGraph['nodes'][number]) => Size,
  collapsedIds: ReadonlySet<string>,
  selectedId: string | undefined,
  previous: readonly MeshFlowNode[],
): MeshFlowNode[] {
  const before = new Map(previous.map((node) => [node.id, node]));
  const nodes: MeshFlowNode[] = [];
  let changed = false;
  for (const node of graph.nodes) {
    const position = positions.get(node.id);
    if (!position) continue;
    const type = nodeType(node.id, node.kind, collapsedIds);
    const selected = node.id === selectedId;
    const old = before.get(node.id);
    if (
      old &&
      old.type === type &&
      old.selected === selected &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      deepEqual(old.data.node, node)
    ) {
      nodes.push(old);
      continue;
    }
    changed = true;
    const { width, height } = sizeOf(node);
    nodes.push({
      id: node.id,
      type,
      position,
      data: { node },
      width,
      height,
      selected,
      // Carried over so React Flow need not measure a node again only because its data changed.
      measured: old?.measured,
    });
  }
  return sameAs(previous, nodes, changed);
}

/**
 * The previous list itself when every item was kept, in the same order: React then skips the
 * update, and React Flow does not take in every node again (a canary step changes edges only).
 */
function sameAs<T>(previous: readonly T[], next: T[], changed: boolean): T[] {
  if (changed || previous.length !== next.length) return next;
  return next.every((item, index) => item === previous[index]) ? (previous as T[]) : next;
}

/**
 * Weight labels sit just before their destination; where several routes converge on one
 * destination, their labels stack there in the order of their routes, top to bottom.
 */
export function weightLabelSlots(
  edges: readonly GraphEdge[],
  positions: ReadonlyMap<string, XY>,
): Map<string, [number, number]> {
  const byTarget = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    if (edge.kind !== 'weight') continue;
    byTarget.set(edge.target, [...(byTarget.get(edge.target) ?? []), edge]);
  }
  const slots = new Map<string, [number, number]>();
  for (const group of byTarget.values()) {
    const sourceY = (edge: GraphEdge) => positions.get(edge.source)?.y ?? 0;
    group.sort((a, b) => sourceY(a) - sourceY(b) || a.id.localeCompare(b.id));
    group.forEach((edge, index) => {
      slots.set(edge.id, [index, group.length]);
    });
  }
  return slots;
}

/** For each weight edge, how many destinations its route has (drawn or not). */
export function routeShares(edges: readonly GraphEdge[]): Map<string, number> {
  const byRoute = new Map<string, number>();
  const routeOf = (edge: GraphEdge) => edge.weight && routeAddressKey(edge.weight);
  for (const edge of edges) {
    const route = routeOf(edge);
    if (route) byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
  }
  const shares = new Map<string, number>();
  for (const edge of edges) {
    const route = routeOf(edge);
    if (route) shares.set(edge.id, byRoute.get(route) ?? 1);
  }
  return shares;
}

/**
 * React Flow edges between placed nodes, reusing unchanged ones as toFlowNodes does. An edge
 * whose weight moved and nothing else is kept as it was: its share is drawn from drawnWeights
 * (a canary step then changes no React Flow edge, see sameApartFromShare).
 */
export function toFlowEdges(
  graph: MeshGraph,
  positions: ReadonlyMap<string, XY>,
  selectedId: string | undefined,
  previous: readonly MeshFlowEdge[],
): MeshFlowEdge[] {
  const before = new Map(previous.map((edge) => [edge.id, edge]));
  const drawn = graph.edges.filter((edge) => positions.has(edge.source) && positions.has(edge.target));
  const slots = weightLabelSlots(drawn, positions);
  const shares = routeShares(graph.edges);
  const edges: MeshFlowEdge[] = [];
  let changed = false;
  for (const edge of drawn) {
    const selected = edge.id === selectedId;
    const slot = slots.get(edge.id);
    const share = shares.get(edge.id);
    const old = before.get(edge.id);
    if (
      old?.data &&
      old.selected === selected &&
      old.data.slot?.join() === slot?.join() &&
      old.data.shares === share &&
      sameApartFromShare(old.data.edge, edge)
    ) {
      edges.push(old);
      continue;
    }
    changed = true;
    edges.push({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: edgeType(edge),
      data: { edge, slot, shares: share },
      selected,
      // Weighted edges above the structural ones, so their labels and sliders stay reachable.
      zIndex: edge.kind === 'weight' ? 1 : 0,
    });
  }
  return sameAs(previous, edges, changed);
}

/**
 * Whether two graph edges differ at most in a weight edge's share (its weight, whether it is
 * written, a Gateway API backend's relative weight). React Flow takes in every edge again
 * whenever one changes (its lookups rebuilt, every selector of every drawn node and edge run):
 * at 10,000 VirtualServices each of a drag's writes cost more in there than anything else,
 * so the share goes to the edge label through drawnWeights instead.
 */
export function sameApartFromShare(before: GraphEdge, after: GraphEdge): boolean {
  if (before === after) return true;
  if (!before.weight || !after.weight) return deepEqual(before, after);
  return deepEqual(withoutShare(before, before.weight), withoutShare(after, after.weight));
}

function withoutShare(edge: GraphEdge, weight: WeightData): GraphEdge {
  return { ...edge, weight: { ...weight, weight: 0, explicit: false, relative: undefined } };
}

/**
 * Each weight edge's share as the graph has it now, by edge id: the weight labels read it from
 * here rather than from their React Flow edge (kept while only the share moved). A share equal
 * to the one held is the held object itself, so a graph built whole re-renders no label.
 */
export function drawnWeights(
  edges: readonly GraphEdge[],
  held: (id: string) => WeightData | undefined,
): Map<string, WeightData> {
  const weights = new Map<string, WeightData>();
  for (const edge of edges) {
    if (edge.kind !== 'weight' || !edge.weight) continue;
    const before = held(edge.id);
    weights.set(edge.id, before && deepEqual(before, edge.weight) ? before : edge.weight);
  }
  return weights;
}
