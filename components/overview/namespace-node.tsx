'use client';

import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { NamespaceSummary } from '@/lib/api/overview';
import { namespaceCardText } from '@/lib/graph/namespace-card';
import { SANS } from '@/lib/graph/text-width';

// The faces whose widths namespaceCardSize measures with: a wider system face would cut text off.
const FACE = { fontFamily: SANS };

export type NamespaceFlowNode = Node<{ summary: NamespaceSummary }, 'namespace'>;

const HANDLE = 'opacity-0! pointer-events-none! size-1! min-w-0! min-h-0! border-0!';
const BADGE = 'whitespace-nowrap rounded-full px-1.5 text-[10px] font-bold leading-4';

function badgeClass(badge: string): string {
  if (badge.endsWith('error') || badge.endsWith('errors')) return `${BADGE} bg-red-600 text-white`;
  if (badge.endsWith('warning') || badge.endsWith('warnings')) return `${BADGE} bg-amber-400 text-amber-950`;
  if (badge === 'no problems') return `${BADGE} bg-emerald-50 text-emerald-800`;
  return `${BADGE} bg-slate-100 text-slate-600`;
}

/** One namespace of the overview: what it holds, its problems and gateway fan-in; a click opens it (the canvas's onNodeClick). */
export const NamespaceNode = memo(function NamespaceNode({ data }: NodeProps<NamespaceFlowNode>) {
  const { summary } = data;
  const { badges, lines } = namespaceCardText(summary);
  const { problems } = summary;
  const ring = problems?.errors ? 'ring-2 ring-red-500' : problems?.warnings ? 'ring-2 ring-amber-400' : '';
  return (
    <button
      type="button"
      data-testid={`namespace-card:${summary.name}`}
      style={FACE}
      title={
        problems
          ? `Open ${summary.name}`
          : `Open ${summary.name}: part of what its view holds is hidden from you, so its problems are counted there`
      }
      className={`flex h-full w-full cursor-pointer flex-col gap-0.5 rounded-md border border-l-4 border-slate-300 border-l-violet-500 bg-white px-3 py-2 text-left shadow-sm hover:bg-slate-50 ${ring}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={HANDLE} />
      <span className="flex w-full items-center justify-between gap-2">
        <span className="whitespace-nowrap text-sm font-semibold leading-5 text-slate-900">
          {summary.name}
        </span>
        <span className="flex shrink-0 gap-1">
          {badges.map((badge) => (
            <span key={badge} className={badgeClass(badge)}>
              {badge}
            </span>
          ))}
        </span>
      </span>
      {lines.map((line, i) => (
        <span
          key={line}
          className={`whitespace-nowrap text-xs leading-4 ${i === 2 ? 'text-slate-500' : 'text-slate-700'}`}
        >
          {line}
        </span>
      ))}
      <Handle type="source" position={Position.Right} isConnectable={false} className={HANDLE} />
    </button>
  );
});

export const overviewNodeTypes = { namespace: NamespaceNode };
