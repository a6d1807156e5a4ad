'use client';

import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { pointOnEdge } from './edge-geometry';
import { EdgeLabel } from './edge-label';
import type { MeshFlowEdge } from './flow-types';
import { ProblemBadge } from './problem-badge';

/** Mirrored traffic: a copy, not a share, so dashed and apart from the weights. */
export const MirrorEdge = memo(function MirrorEdge(props: EdgeProps<MeshFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const label = pointOnEdge(props, 0.6);
  const edge = data?.edge;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{ stroke: '#9333ea', strokeWidth: selected ? 2 : 1.5, strokeDasharray: '6 4' }}
      />
      <EdgeLabel
        x={label.x}
        y={label.y}
        className="flex items-center gap-1 rounded border border-purple-300 bg-purple-50 px-1.5 py-0.5 text-[11px] font-medium text-purple-800"
        title="Mirrored: a copy of this share of requests is sent here; responses are ignored"
      >
        mirror {edge?.mirrorPercent ?? 100}%{edge && <ProblemBadge problems={edge.problems} />}
      </EdgeLabel>
    </>
  );
});
