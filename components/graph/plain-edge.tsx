'use client';

import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { worstOf } from '@/lib/graph/graph-style';
import { EdgeLabel } from './edge-label';
import type { MeshFlowEdge } from './flow-types';
import { ProblemBadge, SEVERITY_STYLE } from './problem-badge';

/** Structural edges (gateway binding, route, subset, workloads), coloured by their worst problem. */
export const PlainEdge = memo(function PlainEdge(props: EdgeProps<MeshFlowEdge>) {
  // The props carry the ends and their sides, which is all getBezierPath reads.
  const [path, labelX, labelY] = getBezierPath(props);
  const { id, data, selected } = props;
  const problems = data?.edge.problems ?? [];
  const worst = worstOf(problems);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{
          stroke: worst ? SEVERITY_STYLE[worst].stroke : selected ? '#0284c7' : '#94a3b8',
          strokeWidth: selected ? 2 : 1.25,
        }}
      />
      {worst && (
        <EdgeLabel x={labelX} y={labelY}>
          <ProblemBadge problems={problems} />
        </EdgeLabel>
      )}
    </>
  );
});
