'use client';

import {
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  ReactFlow,
  type ReactFlowInstance,
  ReactFlowProvider,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OverviewAnswer } from '@/lib/api/overview';
import { namespaceCardSize, plural } from '@/lib/graph/namespace-card';
import type { XY } from '@/lib/graph/node-size';
import { openingViewport } from '@/lib/graph/opening-viewport';
import { layoutOverview } from '@/lib/graph/overview-layout';
import { type NamespaceFlowNode, overviewNodeTypes } from './namespace-node';

/** Past this many links their counts are left off the edges: labels over labels read as nothing. */
const LABELLED_LINKS = 60;
const MIN_FIT_ZOOM = 0.5;
const FIT_MARGIN = 32;

interface OverviewCanvasProps {
  overview: OverviewAnswer;
  onOpen: (namespace: string) => void;
}

/**
 * The all-namespaces view of a large mesh: one card per namespace, edges where routes cross
 * namespaces (solid) and where VirtualServices bind another namespace's Gateways (dashed). A
 * card opens its namespace. Laid out once per set of namespaces and links; counts update in place.
 */
export function OverviewCanvas({ overview, onOpen }: OverviewCanvasProps) {
  const shape = useMemo(
    () =>
      JSON.stringify([
        overview.namespaces.map((summary) => [summary.name, namespaceCardSize(summary).width]),
        overview.links.map((link) => `${link.source}>${link.target}`),
      ]),
    [overview],
  );
  const [positions, setPositions] = useState<{ shape: string; at: Record<string, XY> }>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: laid out again only when the shape changes
  useEffect(() => {
    let current = true;
    void layoutOverview(overview).then((at) => {
      if (current) setPositions({ shape, at });
    });
    return () => {
      current = false;
    };
  }, [shape]);

  const nodes = useMemo<NamespaceFlowNode[]>(
    () =>
      positions
        ? overview.namespaces.map((summary) => ({
            id: summary.name,
            type: 'namespace',
            position: positions.at[summary.name] ?? { x: 0, y: 0 },
            data: { summary },
            ...namespaceCardSize(summary),
            draggable: false,
            connectable: false,
          }))
        : [],
    [overview, positions],
  );
  const edges = useMemo<Edge[]>(() => {
    const labelled = overview.links.length <= LABELLED_LINKS;
    return overview.links.map((link) => ({
      id: `${link.kind}:${link.source}>${link.target}`,
      source: link.source,
      target: link.target,
      selectable: false,
      label: labelled ? plural(link.count, link.kind === 'route' ? 'route' : 'binding') : undefined,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      style: link.kind === 'gateway' ? { strokeDasharray: '5 4', stroke: '#6366f1' } : { stroke: '#64748b' },
    }));
  }, [overview.links]);

  // The whole overview when it is readable at MIN_FIT_ZOOM; else its top left (the first
  // namespaces in name order) at a readable size, as the graph canvas opens a tall view. A
  // fit at the minimum zoom showed the middle of a 500-namespace grid, far from team-0.
  const frame = useRef<HTMLDivElement>(null);
  const open = useCallback((flow: ReactFlowInstance<NamespaceFlowNode, Edge>) => {
    const screen = { width: frame.current?.clientWidth ?? 0, height: frame.current?.clientHeight ?? 0 };
    const at = openingViewport(flow.getNodesBounds(flow.getNodes()), screen, {
      margin: FIT_MARGIN,
      minZoom: MIN_FIT_ZOOM,
    });
    if (at.fit) void flow.fitView({ padding: 0.08, maxZoom: 1 });
    else void flow.setViewport(at);
  }, []);

  if (!positions) return null;
  return (
    <ReactFlowProvider>
      <div ref={frame} className="h-full w-full">
        <ReactFlow<NamespaceFlowNode, Edge>
          key={positions.shape}
          nodes={nodes}
          edges={edges}
          nodeTypes={overviewNodeTypes}
          nodesConnectable={false}
          nodesDraggable={false}
          elementsSelectable={false}
          // A click (or Enter on a card, whose click bubbles here) opens the namespace; a node
          // with no click handler, neither draggable nor selectable, would take no pointer events.
          onNodeClick={(_, node) => onOpen(node.id)}
          onlyRenderVisibleElements
          onInit={open}
          minZoom={0.05}
          proOptions={{ hideAttribution: true }}
          aria-label="Overview: one card per namespace"
        >
          <Controls showInteractive={false} />
          <MiniMap
            pannable
            zoomable
            nodeColor="#8b5cf6"
            position="bottom-right"
            style={{ width: 168, height: 112 }}
          />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
  );
}
