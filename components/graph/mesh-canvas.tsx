'use client';

import {
  Controls,
  MiniMap,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { nodeSize } from '@/lib/graph/layout';
import type { MeshGraph } from '@/lib/graph/types';
import { CanvasContext } from './canvas-context';
import { collapsedId, collapseNamespaces } from './collapse-namespaces';
import { edgeTypes } from './edge-types';
import type { MeshFlowEdge, MeshFlowNode } from './flow-types';
import { nodeTypes } from './mesh-nodes';
import { NamespacePanel } from './namespace-panel';
import { toFlowEdges, toFlowNodes } from './to-flow';
import { useStableLayout } from './use-stable-layout';

/** What is selected on the canvas: a node or an edge, by id. */
export type CanvasSelection = { type: 'node' | 'edge'; id: string };

interface MeshCanvasProps {
  graph: MeshGraph;
  selection: CanvasSelection | undefined;
  onSelect: (selection: CanvasSelection | undefined) => void;
  /** The view is zoomed to fit again whenever this changes (a new namespace choice). */
  fitKey: string;
}

const MINIMAP_COLOURS: Record<string, string> = {
  gateway: '#6366f1',
  virtualService: '#0ea5e9',
  route: '#06b6d4',
  destination: '#10b981',
  subset: '#f59e0b',
  workload: '#64748b',
  invalid: '#dc2626',
  collapsed: '#94a3b8',
};

function minimapColour(node: MeshFlowNode): string {
  return MINIMAP_COLOURS[node.type ?? ''] ?? '#94a3b8';
}

export function MeshCanvas(props: MeshCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ graph, selection, onSelect, fitKey }: MeshCanvasProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => collapseNamespaces(graph, collapsed), [graph, collapsed]);
  const collapsedIds = useMemo(() => new Set([...collapsed].map(collapsedId)), [collapsed]);
  const { positions, revision, move } = useStableLayout(shown);
  const [nodes, setNodes, onNodesChange] = useNodesState<MeshFlowNode>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<MeshFlowEdge>([]);
  const selectedNode = selection?.type === 'node' ? selection.id : undefined;
  const selectedEdge = selection?.type === 'edge' ? selection.id : undefined;

  // `revision` says the positions (held in a ref) gained nodes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    setNodes((previous) => toFlowNodes(shown, positions, nodeSize, collapsedIds, selectedNode, previous));
    setEdges((previous) => toFlowEdges(shown, positions, selectedEdge, previous));
  }, [shown, positions, revision, collapsedIds, selectedNode, selectedEdge, setNodes, setEdges]);

  const { fitView } = useReactFlow();
  const fitted = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (nodes.length === 0 || fitted.current === fitKey) return;
    fitted.current = fitKey;
    requestAnimationFrame(() => void fitView({ padding: 0.12, maxZoom: 1 }));
  }, [nodes.length, fitKey, fitView]);

  // Selection is the page's (the inspector follows it); dragging a node keeps it where it is put.
  const onNodesChangeKept = useCallback(
    (changes: NodeChange<MeshFlowNode>[]) => {
      const kept = changes.filter((change) => change.type !== 'select' && change.type !== 'remove');
      for (const change of kept) {
        if (change.type === 'position' && change.position) move(change.id, change.position);
      }
      onNodesChange(kept);
    },
    [move, onNodesChange],
  );

  const actions = useMemo(
    () => ({
      selectEdge: (id: string) => onSelect({ type: 'edge', id }),
      toggleNamespace: (namespace: string) =>
        setCollapsed((current) => {
          const next = new Set(current);
          if (!next.delete(namespace)) next.add(namespace);
          return next;
        }),
    }),
    [onSelect],
  );

  const namespaces = useMemo(() => [...new Set(graph.nodes.map((node) => node.namespace))].sort(), [graph]);
  const waiting = graph.nodes.length > 0 && nodes.length === 0;

  return (
    <CanvasContext.Provider value={actions}>
      <ReactFlow<MeshFlowNode, MeshFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChangeKept}
        onEdgesChange={onEdgesChange}
        onNodeClick={(_, node) => onSelect({ type: 'node', id: node.id })}
        onEdgeClick={(_, edge) => onSelect({ type: 'edge', id: edge.id })}
        onPaneClick={() => onSelect(undefined)}
        onlyRenderVisibleElements
        nodesConnectable={false}
        deleteKeyCode={null}
        minZoom={0.05}
        maxZoom={2}
      >
        <NamespacePanel namespaces={namespaces} collapsed={collapsed} onToggle={actions.toggleNamespace} />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap<MeshFlowNode> pannable zoomable nodeColor={minimapColour} position="bottom-right" />
      </ReactFlow>
      {waiting && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-500">
          Laying out {graph.nodes.length} nodes…
        </div>
      )}
    </CanvasContext.Provider>
  );
}
