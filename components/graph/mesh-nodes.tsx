'use client';

import { Handle, type NodeProps, Position, type ReactFlowState, useStore } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import { NODE_STYLE, worstOf } from '@/lib/graph/graph-style';
import type { GraphNode, GraphNodeKind } from '@/lib/graph/types';
import { useObjectEditing } from '../editing/object-editing';
import { useEdgeTraffic } from '../traffic/edge-traffic-store';
import { WorkloadTrafficLine } from '../traffic/workload-traffic-line';
import { useCanvasActions } from './canvas-context';
import type { MeshFlowNode } from './flow-types';
import { ProblemBadge, SEVERITY_STYLE } from './problem-badge';

// NODE_STYLE's accent colours as Tailwind classes, written out whole so Tailwind finds them.
const ACCENT_CLASS: Record<GraphNodeKind, string> = {
  gateway: 'border-l-indigo-500',
  virtualService: 'border-l-sky-500',
  route: 'border-l-cyan-500',
  destination: 'border-l-emerald-500',
  subset: 'border-l-amber-500',
  serviceEntry: 'border-l-fuchsia-600',
  workload: 'border-l-slate-500',
  invalid: 'border-l-red-600',
};

const HANDLE = 'opacity-0! pointer-events-none! size-1! min-w-0! min-h-0! border-0!';
/** A route's handle to drag a new destination from (only where the canvas is connectable). */
const ROUTE_HANDLE = 'size-3! border-2! border-white! bg-cyan-600! hover:bg-cyan-800! cursor-crosshair!';
/**
 * Destination and subset nodes take a dragged connection anywhere on the card: a second
 * target handle covering it, live only while a connection is being dragged (else clicks reach
 * the card). Edges use the first target handle, so this one never moves an edge's end.
 */
const DROP_HANDLE =
  'opacity-0! absolute! inset-0! size-auto! min-w-0! min-h-0! translate-none! rounded-md! border-0! transform-none!';

const connectingSelector = (state: ReactFlowState) => state.connection.inProgress;
// A ServiceEntry takes a drop from a Gateway API rule (an Istio `Hostname` backend).
const DROP_KINDS: ReadonlySet<GraphNodeKind> = new Set(['destination', 'subset', 'serviceEntry']);

function NodeCard({
  node,
  tag,
  accent,
  selected,
  connectable,
  secondLine,
}: {
  node: GraphNode;
  tag: string;
  accent: string;
  selected: boolean;
  connectable: boolean;
  /** Drawn instead of the second detail line (a workload's measured traffic). */
  secondLine?: ReactNode;
}) {
  const worst = worstOf(node.problems);
  const connecting = useStore(connectingSelector);
  const drop = connectable && DROP_KINDS.has(node.kind);
  const drag = connectable && node.kind === 'route';
  return (
    <div
      className={`flex h-full w-full flex-col overflow-hidden rounded-md border border-l-4 border-slate-300 bg-white px-2.5 py-1.5 text-left shadow-sm ${accent} ${
        selected ? 'ring-2 ring-sky-600' : worst ? SEVERITY_STYLE[worst].ring : ''
      }`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={HANDLE} />
      {drop && (
        <Handle
          type="target"
          id="drop"
          position={Position.Left}
          isConnectableStart={false}
          className={`${DROP_HANDLE} ${connecting ? 'pointer-events-auto!' : 'pointer-events-none!'}`}
        />
      )}
      <div className="flex items-center justify-between gap-2">
        <span className="truncate text-[10px] font-medium uppercase tracking-wide text-slate-500">
          {tag}
          {node.namespace && <span className="normal-case tracking-normal"> · {node.namespace}</span>}
        </span>
        <ProblemBadge problems={node.problems} />
      </div>
      <div className="truncate text-sm font-semibold text-slate-900" title={node.label}>
        {node.label}
      </div>
      {node.details.map((line, index) =>
        index === 1 && secondLine ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: detail lines are identified by their order
          <div key={index}>{secondLine}</div>
        ) : (
          <div
            // Detail lines have no identity of their own; their order is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            className="truncate font-mono text-[11px] leading-4 text-slate-600"
            title={line}
          >
            {line}
          </div>
        ),
      )}
      {drag ? (
        <RouteHandle node={node} />
      ) : (
        <Handle type="source" position={Position.Right} isConnectable={false} className={HANDLE} />
      )}
    </div>
  );
}

/** A route's drag handle, offered only where the person may change its VirtualService (or Gateway API route). */
function RouteHandle({ node }: { node: GraphNode }) {
  const { editing } = useObjectEditing(node.ref);
  if (!editing.canEdit) {
    return <Handle type="source" position={Position.Right} isConnectable={false} className={HANDLE} />;
  }
  return (
    <Handle
      type="source"
      position={Position.Right}
      isConnectableEnd={false}
      className={ROUTE_HANDLE}
      title={
        node.route?.routeKind === 'rules'
          ? 'Drag onto a Service or host to add it as a backend of this rule, at weight 0'
          : 'Drag onto a destination or subset to add it to this route'
      }
      aria-label={`Add a destination to ${node.label}`}
    />
  );
}

function KindCard({
  kind,
  data,
  selected,
  isConnectable,
  secondLine,
}: { kind: GraphNodeKind; secondLine?: ReactNode } & Pick<
  NodeProps<MeshFlowNode>,
  'data' | 'selected' | 'isConnectable'
>) {
  return (
    <NodeCard
      node={data.node}
      tag={data.node.tag ?? NODE_STYLE[kind].tag}
      accent={ACCENT_CLASS[kind]}
      selected={selected}
      connectable={isConnectable}
      secondLine={secondLine}
    />
  );
}

const GatewayNode = memo(function GatewayNode(props: NodeProps<MeshFlowNode>) {
  return <KindCard kind="gateway" {...props} />;
});
const VirtualServiceNode = memo(function VirtualServiceNode(props: NodeProps<MeshFlowNode>) {
  return <KindCard kind="virtualService" {...props} />;
});
const RouteNode = memo(function RouteNode(props: NodeProps<MeshFlowNode>) {
  return <KindCard kind="route" {...props} />;
});
const DestinationNode = memo(function DestinationNode(props: NodeProps<MeshFlowNode>) {
  return <KindCard kind="destination" {...props} />;
});
const SubsetNode = memo(function SubsetNode(props: NodeProps<MeshFlowNode>) {
  return <KindCard kind="subset" {...props} />;
});
const ServiceEntryNode = memo(function ServiceEntryNode(props: NodeProps<MeshFlowNode>) {
  return <KindCard kind="serviceEntry" {...props} />;
});
// A workload's second line ("2 pods", which its ready count already says) gives way to the
// requests its pods received, when Prometheus has figures: the card keeps its height.
const WorkloadNode = memo(function WorkloadNode(props: NodeProps<MeshFlowNode>) {
  const { traffic } = useEdgeTraffic(props.data.node.id);
  const measured = traffic !== undefined && props.data.node.details.length >= 3;
  return (
    <KindCard
      kind="workload"
      {...props}
      secondLine={measured ? <WorkloadTrafficLine id={props.data.node.id} /> : undefined}
    />
  );
});
const InvalidNode = memo(function InvalidNode(props: NodeProps<MeshFlowNode>) {
  return <KindCard kind="invalid" {...props} />;
});

/** A namespace folded into one node; it opens again from here. */
const CollapsedNode = memo(function CollapsedNode({ data, selected }: NodeProps<MeshFlowNode>) {
  const { toggleNamespace } = useCanvasActions();
  const node = data.node;
  return (
    <div
      className={`flex h-full w-full flex-col justify-center overflow-hidden rounded-lg border-2 border-dashed border-slate-400 bg-slate-100 px-3 py-2 ${
        selected ? 'ring-2 ring-sky-600' : ''
      }`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={HANDLE} />
      <div className="flex items-center justify-between gap-2">
        <span className="text-[10px] font-medium uppercase tracking-wide text-slate-500">Namespace</span>
        <ProblemBadge problems={node.problems} />
      </div>
      <div className="truncate text-sm font-semibold">{node.label}</div>
      <div className="truncate text-[11px] text-slate-600" title={node.details.join('\n')}>
        {node.details[0]}
      </div>
      <button
        type="button"
        className="nodrag mt-1 self-start rounded border border-slate-300 bg-white px-1.5 text-[11px] text-slate-700 hover:bg-slate-50"
        onClick={(event) => {
          event.stopPropagation();
          toggleNamespace(node.namespace);
        }}
      >
        Expand
      </button>
      <Handle type="source" position={Position.Right} isConnectable={false} className={HANDLE} />
    </div>
  );
});

/** One memoized component per node kind; at module scope so React Flow never remounts nodes. */
export const nodeTypes = {
  gateway: GatewayNode,
  virtualService: VirtualServiceNode,
  route: RouteNode,
  destination: DestinationNode,
  subset: SubsetNode,
  serviceEntry: ServiceEntryNode,
  workload: WorkloadNode,
  invalid: InvalidNode,
  collapsed: CollapsedNode,
};
