'use client';

import { useEffect } from 'react';
import { useUndoRedo } from '@/lib/client/undo-redo';

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')
  );
}

/** Undo and redo of this person’s own changes (weights, destinations, inspector edits): buttons, Ctrl+Z and Ctrl+Shift+Z. */
export function UndoRedo({ disabled }: { disabled: boolean }) {
  const { canUndo, canRedo, undo, redo, refusal } = useUndoRedo();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (disabled || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      // A text field keeps its own undo.
      if (isTextField(event.target)) return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disabled, undo, redo]);

  const button =
    'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40';
  return (
    <div className="flex items-center gap-1.5">
      {/* Before the buttons, so that they stay where they are when a refusal shows. */}
      {refusal && (
        <span role="alert" className="line-clamp-2 max-w-md text-right text-xs leading-4 text-red-700">
          {refusal}
        </span>
      )}
      <button
        type="button"
        className={button}
        disabled={disabled || !canUndo}
        onClick={undo}
        title="Undo your last change: weights, destinations, an edit, a create or a delete (Ctrl+Z)"
      >
        Undo
      </button>
      <button
        type="button"
        className={button}
        disabled={disabled || !canRedo}
        onClick={redo}
        title="Redo (Ctrl+Shift+Z)"
      >
        Redo
      </button>
    </div>
  );
}
