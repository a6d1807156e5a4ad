import type { GraphEdge, GraphNode, GraphNodeKind, GraphProblem, MeshGraph } from './types';

/** Column order, left to right: a collapsed namespace stands in its leftmost member's column. */
const COLUMN: readonly GraphNodeKind[] = [
  'gateway',
  'virtualService',
  'route',
  'destination',
  'subset',
  'serviceEntry',
  'workload',
  'invalid',
];

export function collapsedId(namespace: string): string {
  return `namespace:${namespace}`;
}

/**
 * The graph with each collapsed namespace drawn as one node. Edges into or out of it are
 * kept (weights still show and still move); edges inside it go, and the duplicates that
 * collapsing makes are drawn once.
 */
export function collapseNamespaces(graph: MeshGraph, collapsed: ReadonlySet<string>): MeshGraph {
  if (collapsed.size === 0) return graph;
  const members = new Map<string, GraphNode[]>();
  const nodes: GraphNode[] = [];
  const owner = new Map<string, string>();
  for (const node of graph.nodes) {
    if (!collapsed.has(node.namespace)) {
      nodes.push(node);
      continue;
    }
    owner.set(node.id, collapsedId(node.namespace));
    members.set(node.namespace, [...(members.get(node.namespace) ?? []), node]);
  }
  for (const [namespace, inside] of members) nodes.push(groupNode(namespace, inside));

  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const edge of graph.edges) {
    const source = owner.get(edge.source) ?? edge.source;
    const target = owner.get(edge.target) ?? edge.target;
    if (source === target) continue;
    if (source === edge.source && target === edge.target) {
      edges.push(edge);
      continue;
    }
    const keepsOwnIdentity = edge.kind === 'weight' || edge.kind === 'mirror';
    const id = keepsOwnIdentity ? edge.id : `${edge.kind}:${source}->${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ ...edge, id, source, target });
  }
  return { nodes, edges };
}

function groupNode(namespace: string, inside: GraphNode[]): GraphNode {
  const kind = COLUMN.find((column) => inside.some((node) => node.kind === column)) ?? 'invalid';
  const problems: GraphProblem[] = inside.flatMap((node) =>
    node.problems.map((problem) => ({ ...problem, message: `${node.label}: ${problem.message}` })),
  );
  const counts = COLUMN.map(
    (column) => [column, inside.filter((node) => node.kind === column).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([column, count]) => `${count} ${column}`);
  return {
    id: collapsedId(namespace),
    kind,
    namespace,
    label: namespace,
    details: [`${inside.length} nodes collapsed`, counts.join(', ')],
    problems,
  };
}
