import type { Edge, Node } from '@xyflow/react';
import type { GraphEdge, GraphNode } from '@/lib/graph/types';

export type MeshNodeData = { node: GraphNode };
export type MeshFlowNode = Node<MeshNodeData>;

export type MeshEdgeData = {
  /** The graph edge; a weight edge's share may be older than the graph's (see drawnWeights in to-flow.ts). */
  edge: GraphEdge;
  /** Where a weight label stands among the weight labels at the same destination: index, count. */
  slot?: [number, number];
  /** How many destinations the route of a weight edge shares its traffic among. */
  shares?: number;
};
export type MeshFlowEdge = Edge<MeshEdgeData>;

export interface XY {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}
