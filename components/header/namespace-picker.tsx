'use client';

import { useEffect, useRef } from 'react';

interface NamespacePickerProps {
  /** Every namespace the person can see. */
  available: readonly string[];
  /** The chosen ones; empty means all. */
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}

/** Which namespaces are drawn: all by default, or a chosen few (kept in the URL by the page). */
export function NamespacePicker({ available, chosen, onChange }: NamespacePickerProps) {
  const details = useRef<HTMLDetailsElement>(null);
  const all = chosen.length === 0;
  const isShown = (namespace: string) => all || chosen.includes(namespace);
  const summary = all
    ? 'all'
    : chosen.length <= 2
      ? chosen.join(', ')
      : `${chosen.length} of ${available.length}`;

  useEffect(() => {
    const close = (event: PointerEvent) => {
      if (details.current?.open && !details.current.contains(event.target as Node))
        details.current.open = false;
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);

  const toggle = (namespace: string) => {
    const shown = available.filter(isShown);
    const next = shown.includes(namespace)
      ? shown.filter((name) => name !== namespace)
      : [...shown, namespace];
    onChange(next.length === available.length ? [] : next.sort());
  };

  return (
    <details ref={details} className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50">
        <span className="text-slate-500">Namespaces:</span>
        <span className="max-w-48 truncate font-medium">{summary}</span>
        <span aria-hidden className="text-xs text-slate-400">
          ▾
        </span>
      </summary>
      <div className="absolute left-0 z-20 mt-1 max-h-80 w-64 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <label className="flex items-center gap-2 rounded px-1 py-0.5 text-sm font-medium hover:bg-slate-50">
          <input type="checkbox" checked={all} onChange={() => onChange([])} />
          All namespaces
        </label>
        <hr className="my-1 border-slate-200" />
        {available.map((namespace) => (
          <label
            key={namespace}
            className="flex items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50"
          >
            <input type="checkbox" checked={isShown(namespace)} onChange={() => toggle(namespace)} />
            {namespace}
          </label>
        ))}
      </div>
    </details>
  );
}
