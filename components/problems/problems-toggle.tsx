import { worstOf } from '@/lib/graph/graph-style';
import type { Finding } from '@/lib/validate/types';
import { SEVERITY_STYLE } from '../graph/problem-badge';
import { countBySeverity, countLabel } from './filter-findings';

interface ProblemsToggleProps {
  findings: readonly Finding[];
  open: boolean;
  onToggle: () => void;
}

/** The toolbar's switch for the problems panel, saying how many there are of each severity. */
export function ProblemsToggle({ findings, open, onToggle }: ProblemsToggleProps) {
  const worst = worstOf(findings);
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls="problems-panel"
      title={open ? 'Hide the problems' : 'Show the problems'}
      className={`flex items-center gap-1.5 rounded-md border px-2.5 py-1 text-xs ${
        open ? 'border-slate-400 bg-slate-100' : 'border-slate-300 bg-white hover:bg-slate-50'
      }`}
      onClick={onToggle}
    >
      {worst && (
        <span
          aria-hidden
          className={`inline-flex h-4 w-4 items-center justify-center rounded-full text-[10px] font-bold ${SEVERITY_STYLE[worst].badge}`}
        >
          {SEVERITY_STYLE[worst].icon}
        </span>
      )}
      <span>Problems: {countLabel(countBySeverity(findings))}</span>
    </button>
  );
}
