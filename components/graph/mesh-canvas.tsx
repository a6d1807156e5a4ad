'use client';

import {
  type Connection,
  Controls,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { collapsedId, collapseNamespaces } from '@/lib/graph/collapse-namespaces';
import { keepInView } from '@/lib/graph/keep-in-view';
import { nodeSize } from '@/lib/graph/node-size';
import { openingViewport } from '@/lib/graph/opening-viewport';
import type { GraphEdge, GraphNode, MeshGraph, WeightData } from '@/lib/graph/types';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { createKeyedStore } from '../weights/keyed-store';
import { CanvasContext, DrawnWeightsContext } from './canvas-context';
import { DownloadGraph } from './download-graph';
import { edgeTypes } from './edge-types';
import type { MeshFlowEdge, MeshFlowNode } from './flow-types';
import { nodeTypes } from './mesh-nodes';
import { NamespacePanel } from './namespace-panel';
import { outboundByNamespace } from './outbound-policies';
import { OverviewMap } from './overview-map';
import { drawnWeights, toFlowEdges, toFlowNodes } from './to-flow';
import { type LayoutSeed, useStableLayout } from './use-stable-layout';

/** What is selected on the canvas: a node or an edge, by id. */
export type CanvasSelection = { type: 'node' | 'edge'; id: string };

/** What to bring into view: a node or edge, or a set of nodes (a traced request's path). */
export type FocusRequest = { selection: CanvasSelection } | { nodes: readonly string[] };

export interface MeshCanvasProps {
  graph: MeshGraph;
  selection: CanvasSelection | undefined;
  onSelect: (selection: CanvasSelection | undefined) => void;
  /**
   * Names what is asked for (namespaces, search): each view gets its own layout, stable while
   * it is shown, and is zoomed to fit when it opens.
   */
  view: string;
  /** Positions already worked out for the view `seed.key` (the server's first layout): drawn without laying out. */
  seed?: LayoutSeed;
  /** Whether a route's handle can be dragged onto a destination or subset to add it. */
  connectable?: boolean;
  /** Whether dropping the route `source` onto `target` makes sense (a destination the route lacks). */
  canConnect?: (source: GraphNode, target: GraphNode) => boolean;
  onConnectNodes?: (source: GraphNode, target: GraphNode) => void;
  /** Delete (or Backspace) on a selected weight edge; nothing else on the canvas is deletable. */
  onDeleteEdge?: (edge: GraphEdge) => void;
  /** A request to bring something into view (a new object each time, even for the same one). */
  focus?: FocusRequest;
  /** The snapshot drawn: for each namespace's outbound policy and Sidecars. */
  snapshot?: MeshSnapshot;
}

/** Below this zoom node text cannot be read; a larger graph opens at its top left instead. */
const MIN_FIT_ZOOM = 0.45;
const DELETE_KEYS = ['Delete', 'Backspace'];
const FIT_MARGIN = 48;
/** A weight edge's label and slider sit this far left of its destination node. */
const EDGE_LABEL_WIDTH = 100;
/** The height a stacked weight label takes (weight-edge.tsx; more with traffic lines). */
const EDGE_LABEL_SLOT = 40;

/** The nodes to bring into view: the node, both ends of the edge, or the nodes named. */
function endsOf(graph: MeshGraph, request: FocusRequest): string[] {
  if ('nodes' in request) return [...request.nodes];
  const { selection } = request;
  if (selection.type === 'node') return [selection.id];
  const edge = graph.edges.find((item) => item.id === selection.id);
  return edge ? [edge.source, edge.target] : [];
}

export function MeshCanvas(props: MeshCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas(props: MeshCanvasProps) {
  const { graph, selection, onSelect, view, seed, connectable = false } = props;
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => collapseNamespaces(graph, collapsed), [graph, collapsed]);
  const collapsedIds = useMemo(() => new Set([...collapsed].map(collapsedId)), [collapsed]);
  const layoutKey = `${view}|${[...collapsed].sort().join(',')}`;
  const { positions, revision, move, layouts } = useStableLayout(
    shown,
    layoutKey,
    seed && collapsed.size === 0 ? { key: `${seed.key}|`, positions: seed.positions } : undefined,
  );
  const [nodes, setNodes, onNodesChange] = useNodesState<MeshFlowNode>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<MeshFlowEdge>([]);
  const selectedNode = selection?.type === 'node' ? selection.id : undefined;
  const selectedEdge = selection?.type === 'edge' ? selection.id : undefined;

  // Shares reach the weight labels here, before the screen is painted; the React Flow edges
  // below change only when something else about an edge does (a drag's writes leave them be).
  const [weights] = useState(() => createKeyedStore<WeightData>());
  useLayoutEffect(() => weights.setAll(drawnWeights(shown.edges, weights.get)), [shown, weights]);

  // `revision` says the positions (held in a ref) gained nodes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    setNodes((previous) => toFlowNodes(shown, positions, nodeSize, collapsedIds, selectedNode, previous));
    setEdges((previous) => toFlowEdges(shown, positions, selectedEdge, previous));
  }, [shown, positions, revision, collapsedIds, selectedNode, selectedEdge, setNodes, setEdges]);

  // Zoom to fit once the nodes of a new choice are all drawn (not while the old ones still are).
  const { fitView, getNodesBounds, setViewport } = useReactFlow<MeshFlowNode, MeshFlowEdge>();
  const flowStore = useStoreApi<MeshFlowNode, MeshFlowEdge>();
  const fitted = useRef<string | undefined>(undefined);
  const settled =
    nodes.length > 0 &&
    nodes.length === shown.nodes.length &&
    nodes.every(
      (node) =>
        positions.get(node.id)?.x === node.position.x && positions.get(node.id)?.y === node.position.y,
    );
  useEffect(() => {
    if (!settled || fitted.current === layoutKey) return;
    fitted.current = layoutKey;
    requestAnimationFrame(() => {
      const { width, height } = flowStore.getState();
      // Too tall (or wide) to read whole: its top left at a readable size instead.
      const at = openingViewport(
        getNodesBounds(nodes),
        { width, height },
        {
          margin: FIT_MARGIN,
          minZoom: MIN_FIT_ZOOM,
        },
      );
      if (at.fit) void fitView({ padding: 0.12, maxZoom: 1 });
      else void setViewport(at);
    });
  }, [settled, layoutKey, fitView, getNodesBounds, setViewport, flowStore, nodes]);

  // Centre what the page asks for (a problem's object), unfolding its namespace if it is folded.
  const { focus } = props;
  const focusing = useRef<FocusRequest>(undefined);
  // A focus's fit is under way: the view is moving where it was asked to.
  const fitting = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new request starts this
  useEffect(() => {
    if (!focus) return;
    focusing.current = focus;
    const ids = endsOf(graph, focus);
    const folded = graph.nodes.filter((node) => ids.includes(node.id) && collapsed.has(node.namespace));
    if (folded.length > 0)
      setCollapsed(
        (current) => new Set([...current].filter((ns) => !folded.some((n) => n.namespace === ns))),
      );
  }, [focus]);
  // `focus` runs this after the request is noted above, even when nothing else changed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    const request = focusing.current;
    if (!request || !settled) return;
    const ids = endsOf(graph, request);
    if (!ids.every((id) => nodes.some((node) => node.id === id))) return;
    focusing.current = undefined;
    // After a fit of a newly unfolded view, which is also queued for the next frame.
    requestAnimationFrame(() => {
      // One node or edge sits amid room around it; a path spans the view, as large as it fits.
      const padding = 'nodes' in request ? 0.1 : 0.6;
      fitting.current = true;
      void fitView({ nodes: ids.map((id) => ({ id })), padding, maxZoom: 1, duration: 300 }).finally(() => {
        fitting.current = false;
      });
    });
  }, [focus, settled, nodes, graph, fitView]);

  // The inspector opening narrows the canvas (as do the problems panel and a smaller window):
  // what is selected stays on screen if it was on screen before, so a selection the person
  // panned away from stays away, and a focus's own fit is not cut short.
  const screenWidth = useStore((state) => state.width);
  const screenHeight = useStore((state) => state.height);
  const { getInternalNode, getViewport } = useReactFlow<MeshFlowNode, MeshFlowEdge>();
  const lastScreen = useRef({ width: 0, height: 0 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the canvas's size moves the view
  useEffect(() => {
    const before = lastScreen.current;
    const now = { width: screenWidth, height: screenHeight };
    lastScreen.current = now;
    const shrank = now.width < before.width || now.height < before.height;
    if (!shrank || fitting.current || before.width === 0 || now.width === 0) return;
    const box = selectionBox();
    const viewport = getViewport();
    if (!box || keepInView(box, viewport, before, 0) !== undefined) return;
    const moved = keepInView(box, viewport, now, 24);
    if (moved) void setViewport(moved, { duration: 200 });
  }, [screenWidth, screenHeight]);

  /**
   * Where the selection is drawn: a node, or an edge's destination with the weight label and
   * slider just before it (stacked labels sit above and below the destination's middle).
   */
  function selectionBox() {
    const edge = selectedEdge ? edges.find((item) => item.id === selectedEdge) : undefined;
    const node = getInternalNode(selectedNode ?? edge?.target ?? '');
    if (!node) return undefined;
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? 0;
    const height = node.measured.height ?? 0;
    if (!edge) return { x, y, width, height };
    const [slot, slots] = edge.data?.slot ?? [0, 1];
    const labelY = y + height / 2 + (slot - (slots - 1) / 2) * EDGE_LABEL_SLOT;
    const top = Math.min(y, labelY - EDGE_LABEL_SLOT / 2);
    const bottom = Math.max(y + height, labelY + EDGE_LABEL_SLOT / 2);
    return { x: x - EDGE_LABEL_WIDTH, y: top, width: width + EDGE_LABEL_WIDTH, height: bottom - top };
  }

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
      toggleNamespace: (namespace: string) => {
        setCollapsed((current) => {
          const next = new Set(current);
          if (!next.delete(namespace)) next.add(namespace);
          return next;
        });
      },
    }),
    [onSelect],
  );

  // Every handler handed to React Flow keeps its identity from render to render, reading what
  // it needs through refs: React Flow copies each changed prop into its store, and each copy
  // runs every store selector of every node and edge drawn. The canvas renders on each of a
  // drag's writes (pending, landing, heard back), and new handlers then cost more than the
  // weights they carried (10,000-VirtualService mesh, issue 14).
  const latest = useRef(props);
  latest.current = props;
  const nodeById = useMemo(() => new Map(shown.nodes.map((node) => [node.id, node])), [shown]);
  const nodesById = useRef(nodeById);
  nodesById.current = nodeById;
  const ends = useCallback((connection: Connection | MeshFlowEdge) => {
    const source = nodesById.current.get(connection.source);
    const target = nodesById.current.get(connection.target);
    return source?.kind === 'route' && target ? { source, target } : undefined;
  }, []);
  const isValidConnection = useCallback(
    (connection: Connection | MeshFlowEdge) => {
      const found = ends(connection);
      return found !== undefined && (latest.current.canConnect?.(found.source, found.target) ?? false);
    },
    [ends],
  );
  const onConnect = useCallback(
    (connection: Connection) => {
      const found = ends(connection);
      if (found) latest.current.onConnectNodes?.(found.source, found.target);
    },
    [ends],
  );
  const onNodeClick = useCallback(
    (_: unknown, node: MeshFlowNode) => latest.current.onSelect({ type: 'node', id: node.id }),
    [],
  );
  const onEdgeClick = useCallback(
    (_: unknown, edge: MeshFlowEdge) => latest.current.onSelect({ type: 'edge', id: edge.id }),
    [],
  );
  const onPaneClick = useCallback(() => latest.current.onSelect(undefined), []);
  // React Flow deletes nothing itself: a weight edge asks the page (which confirms first).
  const onBeforeDelete = useCallback(
    async ({ nodes: doomed, edges: gone }: { nodes: MeshFlowNode[]; edges: MeshFlowEdge[] }) => {
      const edge = gone.length === 1 && doomed.length === 0 ? gone[0]?.data?.edge : undefined;
      if (edge?.kind === 'weight') latest.current.onDeleteEdge?.(edge);
      return false;
    },
    [],
  );

  const namespaces = useMemo(() => [...new Set(graph.nodes.map((node) => node.namespace))].sort(), [graph]);
  const outbound = useMemo(
    () => outboundByNamespace(props.snapshot, namespaces).policies,
    [props.snapshot, namespaces],
  );
  const foldAll = useCallback(
    (collapse: boolean) => setCollapsed(new Set(collapse ? namespaces : [])),
    [namespaces],
  );
  const waiting = graph.nodes.length > 0 && nodes.length === 0;

  return (
    <CanvasContext.Provider value={actions}>
      <DrawnWeightsContext.Provider value={weights}>
        <ReactFlow<MeshFlowNode, MeshFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChangeKept}
          onEdgesChange={onEdgesChange}
          onNodeClick={onNodeClick}
          onEdgeClick={onEdgeClick}
          onPaneClick={onPaneClick}
          onlyRenderVisibleElements
          nodesConnectable={connectable}
          isValidConnection={isValidConnection}
          onConnect={onConnect}
          onBeforeDelete={onBeforeDelete}
          deleteKeyCode={props.onDeleteEdge ? DELETE_KEYS : null}
          minZoom={0.05}
          maxZoom={2}
          // How many layouts ran in this canvas (a change that adds no node runs none).
          data-layouts={layouts}
        >
          <NamespacePanel
            namespaces={namespaces}
            collapsed={collapsed}
            onToggle={actions.toggleNamespace}
            onAll={foldAll}
            outbound={outbound}
          />
          <DownloadGraph />
          <Controls showInteractive={false} position="bottom-left" />
          <OverviewMap />
        </ReactFlow>
      </DrawnWeightsContext.Provider>
      {waiting && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-500">
          Laying out {graph.nodes.length} nodes…
        </div>
      )}
    </CanvasContext.Provider>
  );
}
