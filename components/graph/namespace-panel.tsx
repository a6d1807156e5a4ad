'use client';

import { Panel } from '@xyflow/react';

interface NamespacePanelProps {
  namespaces: readonly string[];
  collapsed: ReadonlySet<string>;
  onToggle: (namespace: string) => void;
}

/** Folds a namespace into one node (and opens it again), to read a large mesh piece by piece. */
export function NamespacePanel({ namespaces, collapsed, onToggle }: NamespacePanelProps) {
  if (namespaces.length === 0) return null;
  return (
    <Panel
      position="top-left"
      className="max-h-[40%] overflow-y-auto rounded-md border border-slate-200 bg-white/95 p-2 shadow-sm"
    >
      <div className="mb-1 text-[10px] font-medium uppercase tracking-wide text-slate-500">
        Namespaces on the graph
      </div>
      <ul className="flex flex-col gap-0.5">
        {namespaces.map((namespace) => {
          const isCollapsed = collapsed.has(namespace);
          return (
            <li key={namespace}>
              <button
                type="button"
                aria-pressed={isCollapsed}
                className="flex w-full items-center gap-1.5 rounded px-1 text-left text-xs text-slate-700 hover:bg-slate-100"
                onClick={() => onToggle(namespace)}
                title={isCollapsed ? `Expand ${namespace}` : `Collapse ${namespace} into one node`}
              >
                <span aria-hidden className="w-3 text-slate-400">
                  {isCollapsed ? '▸' : '▾'}
                </span>
                <span className={isCollapsed ? 'italic text-slate-500' : ''}>{namespace || '(cluster)'}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
