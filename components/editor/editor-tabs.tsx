'use client';

import type { ReactNode } from 'react';

export type EditorTab = 'form' | 'yaml';

/** The Form/YAML tabs above an editor; `children` go at the bar's right end. */
export function EditorTabs({
  tab,
  onTab,
  formLabel,
  children,
}: {
  tab: EditorTab;
  onTab: (tab: EditorTab) => void;
  formLabel: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex items-center gap-1 border-b border-slate-200">
      {(['form', 'yaml'] as const).map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          aria-selected={tab === t}
          className={`-mb-px border-b-2 px-2 py-1 text-xs font-medium ${tab === t ? 'border-sky-700 text-sky-800' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          onClick={() => onTab(t)}
        >
          {t === 'form' ? formLabel : 'YAML'}
        </button>
      ))}
      {children}
    </div>
  );
}
