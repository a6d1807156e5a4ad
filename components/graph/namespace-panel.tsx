'use client';

import { Panel } from '@xyflow/react';
import { useState } from 'react';
import type { NamespaceOutbound } from '@/lib/mesh/outbound-policy';
import { OutboundPolicy } from './outbound-policies';

interface NamespacePanelProps {
  namespaces: readonly string[];
  collapsed: ReadonlySet<string>;
  onToggle: (namespace: string) => void;
  /** Folds every namespace (true) or opens every one (false). */
  onAll: (collapse: boolean) => void;
  /** Each namespace's outbound policy (ALLOW_ANY, REGISTRY_ONLY or unknown) and Sidecars. */
  outbound?: ReadonlyMap<string, NamespaceOutbound>;
}

/**
 * Folds a namespace into one node (and opens it again), to read a large mesh piece by piece.
 * Closed by default, so it covers no node until asked for.
 */
export function NamespacePanel({ namespaces, collapsed, onToggle, onAll, outbound }: NamespacePanelProps) {
  const [open, setOpen] = useState(false);
  if (namespaces.length === 0) return null;
  const link = 'text-sky-700 hover:underline';
  const strict = namespaces.filter((namespace) => outbound?.get(namespace)?.mode === 'REGISTRY_ONLY').length;
  const unknown = namespaces.filter(
    (namespace) => namespace && outbound?.get(namespace)?.mode === 'unknown',
  ).length;
  return (
    <Panel
      position="top-left"
      className="max-h-[60%] overflow-y-auto rounded-md border border-slate-200 bg-white/95 px-2 py-1 shadow-sm"
    >
      <button
        type="button"
        aria-expanded={open}
        className="flex items-center gap-1 text-xs font-medium text-slate-700"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden className="w-3 text-slate-400">
          {open ? '▾' : '▸'}
        </span>
        Namespaces
        {collapsed.size > 0 && (
          <span className="font-normal text-slate-500">({collapsed.size} collapsed)</span>
        )}
        {strict > 0 && (
          <span className="font-normal text-amber-800" data-testid="registry-only-count">
            · {strict} REGISTRY_ONLY
          </span>
        )}
        {unknown > 0 && (
          <span className="font-normal text-slate-500 italic" data-testid="outbound-unknown-count">
            · outbound policy unknown
          </span>
        )}
      </button>
      {open && (
        <div className="mt-1 mb-1 flex flex-col gap-1">
          {namespaces.length > 1 && (
            <span className="flex gap-2 text-[11px]">
              <button type="button" className={link} onClick={() => onAll(true)}>
                collapse all
              </button>
              <button type="button" className={link} onClick={() => onAll(false)}>
                expand all
              </button>
            </span>
          )}
          <ul className="flex flex-col gap-0.5">
            {namespaces.map((namespace) => {
              const isCollapsed = collapsed.has(namespace);
              return (
                <li key={namespace}>
                  <label className="flex cursor-pointer items-center gap-1.5 rounded px-1 text-xs text-slate-700 hover:bg-slate-100">
                    <input type="checkbox" checked={isCollapsed} onChange={() => onToggle(namespace)} />
                    <span className={isCollapsed ? 'italic text-slate-500' : ''}>
                      collapse {namespace || '(cluster)'}
                    </span>
                  </label>
                  {outbound?.get(namespace) && namespace && (
                    <OutboundPolicy policy={outbound.get(namespace) as NamespaceOutbound} />
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Panel>
  );
}
