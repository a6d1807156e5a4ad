'use client';

import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { EdgeLabel } from './edge-label';
import type { MeshFlowEdge } from './flow-types';
import { ProblemBadge } from './problem-badge';

/** A route handing its requests to another VirtualService: drawn apart from traffic shares. */
export const DelegateEdge = memo(function DelegateEdge(props: EdgeProps<MeshFlowEdge>) {
  // The props carry the ends and their sides, which is all getBezierPath reads.
  const [path, labelX, labelY] = getBezierPath(props);
  const { id, data, selected } = props;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{ stroke: '#0d9488', strokeWidth: selected ? 2.5 : 2, strokeDasharray: '2 3' }}
      />
      <EdgeLabel
        x={labelX}
        y={labelY}
        className="flex items-center gap-1 rounded border border-teal-300 bg-teal-50 px-1.5 py-0.5 text-[11px] font-medium text-teal-800"
      >
        delegate
        {data && <ProblemBadge problems={data.edge.problems} />}
      </EdgeLabel>
    </>
  );
});
