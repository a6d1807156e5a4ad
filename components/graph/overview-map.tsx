'use client';

import { MiniMap, Panel } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { NODE_STYLE } from '@/lib/graph/graph-style';
import type { GraphNodeKind } from '@/lib/graph/types';
import type { MeshFlowNode } from './flow-types';

const MAP = { width: 168, height: 112 };
const STORED = 'weir.overview-map';

// The canvas's accent per kind (the report's SVG draws with the same); grey for a folded namespace.
function colour(node: MeshFlowNode): string {
  return NODE_STYLE[node.type as GraphNodeKind]?.accent ?? '#94a3b8';
}

/**
 * The minimap, small and foldable: over a wide graph (or beside the open inspector) it would
 * otherwise cover the nodes in the canvas's bottom-right corner. The choice is remembered.
 */
export function OverviewMap() {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    if (window.localStorage.getItem(STORED) === 'hidden') setShown(false);
  }, []);
  const toggle = () => {
    window.localStorage.setItem(STORED, shown ? 'hidden' : 'shown');
    setShown(!shown);
  };
  return (
    <>
      {shown && (
        <MiniMap<MeshFlowNode>
          pannable
          zoomable
          nodeColor={colour}
          position="bottom-right"
          style={MAP}
          ariaLabel="Overview map of the graph"
        />
      )}
      <Panel position="bottom-right" style={shown ? { marginBottom: MAP.height + 20 } : undefined}>
        <button
          type="button"
          aria-pressed={shown}
          className="rounded border border-slate-200 bg-white/95 px-2 py-0.5 text-[11px] text-slate-600 shadow-sm hover:bg-slate-50"
          onClick={toggle}
        >
          {shown ? 'Hide map' : 'Show map'}
        </button>
      </Panel>
    </>
  );
}
