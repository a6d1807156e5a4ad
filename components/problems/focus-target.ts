import { isPrefix } from '@/lib/graph/attach-findings';
import type { GraphEdge, GraphNode, MeshGraph } from '@/lib/graph/types';
import type { Finding } from '@/lib/validate/types';

/** What to select on the canvas for a finding: a node, or an edge for a destination's problem. */
export type FindingTarget = { type: 'node' | 'edge'; id: string };

/**
 * Where a finding is drawn: the node or edge of its object with the deepest path that is a
 * prefix of the finding's (as attachFindings places it), else whatever carries the same
 * problem (a DestinationRule's finding on its destinations), else a Namespace finding's first
 * VirtualService. Undefined when nothing on the graph stands for it (filtered out by search).
 */
export function targetOfFinding(graph: MeshGraph, finding: Finding): FindingTarget | undefined {
  const { kind, namespace, name } = finding.ref;
  const sameObject = (item: GraphNode | GraphEdge) =>
    item.ref?.kind === kind && item.ref.namespace === namespace && item.ref.name === name;
  let best: { target: FindingTarget; length: number } | undefined;
  const consider = (item: GraphNode | GraphEdge, type: FindingTarget['type']) => {
    if (!sameObject(item) || (type === 'edge' && item.path === undefined)) return;
    const path = item.path ?? '';
    if (!isPrefix(path, finding.path)) return;
    if (!best || path.length > best.length) best = { target: { type, id: item.id }, length: path.length };
  };
  for (const node of graph.nodes) consider(node, 'node');
  for (const edge of graph.edges) consider(edge, 'edge');
  if (best) return best.target;

  const carries = (item: GraphNode | GraphEdge) =>
    item.problems.some((problem) => problem.code === finding.code && problem.message === finding.message);
  const node = graph.nodes.find(carries);
  if (node) return { type: 'node', id: node.id };
  const edge = graph.edges.find(carries);
  if (edge) return { type: 'edge', id: edge.id };
  return undefined;
}
