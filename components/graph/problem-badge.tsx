import { worstOf } from '@/lib/graph/graph-style';
import type { GraphProblem } from '@/lib/graph/types';
import type { Severity } from '@/lib/validate/types';

export const SEVERITY_STYLE: Record<Severity, { badge: string; stroke: string; ring: string; icon: string }> =
  {
    error: { badge: 'bg-red-600 text-white', stroke: '#dc2626', ring: 'ring-2 ring-red-500', icon: '!' },
    warning: {
      badge: 'bg-amber-400 text-amber-950',
      stroke: '#d97706',
      ring: 'ring-2 ring-amber-400',
      icon: '!',
    },
    info: { badge: 'bg-sky-100 text-sky-800', stroke: '#0284c7', ring: 'ring-1 ring-sky-300', icon: 'i' },
  };

/** Problems drawn where they are: a badge by severity, the messages in its tooltip. */
export function ProblemBadge({ problems }: { problems: readonly GraphProblem[] }) {
  const worst = worstOf(problems);
  if (!worst) return null;
  const title = problems.map((problem) => `${problem.severity}: ${problem.message}`).join('\n');
  return (
    <span
      title={title}
      role="img"
      aria-label={`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: ${title}`}
      className={`inline-flex h-4 min-w-4 shrink-0 items-center justify-center gap-0.5 rounded-full px-1 text-[10px] font-bold leading-none ${SEVERITY_STYLE[worst].badge}`}
    >
      {SEVERITY_STYLE[worst].icon}
      {problems.length > 1 && <span>{problems.length}</span>}
    </span>
  );
}
