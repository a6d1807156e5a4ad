'use client';

import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { describeHop } from '@/lib/graph/describe-hop';
import { worstOf } from '@/lib/graph/graph-style';
import { EdgeLabel } from './edge-label';
import type { MeshFlowEdge } from './flow-types';
import { ProblemBadge, SEVERITY_STYLE } from './problem-badge';

/**
 * A hop of outbound traffic: into an egress gateway (its listener, SNI hosts, TLS mode) or on
 * to the ServiceEntry of an external host (port, protocol, TLS a DestinationRule originates).
 * The label says what the hop carries; a hop inferred without the gateway's Service is dashed.
 */
export const HopEdge = memo(function HopEdge(props: EdgeProps<MeshFlowEdge>) {
  // The props carry the ends and their sides, which is all getBezierPath reads.
  const [path, labelX, labelY] = getBezierPath(props);
  const { id, data, selected } = props;
  const edge = data?.edge;
  const problems = edge?.problems ?? [];
  const worst = worstOf(problems);
  const text = describeHop(edge?.hop);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        style={{
          stroke: worst ? SEVERITY_STYLE[worst].stroke : '#a21caf',
          strokeWidth: selected ? 2.5 : 1.75,
          ...(edge?.hop?.inferred && { strokeDasharray: '5 4' }),
        }}
      />
      {(text || worst) && (
        <EdgeLabel
          x={labelX}
          y={labelY}
          title={text}
          className="flex items-center gap-1 whitespace-nowrap rounded border border-fuchsia-300 bg-fuchsia-50 px-1.5 py-0.5 text-[11px] font-medium text-fuchsia-900"
        >
          <span data-testid="hop-label">{text}</span>
          <ProblemBadge problems={problems} />
        </EdgeLabel>
      )}
    </>
  );
});
