import type { Severity } from '../validate/types';
import type { GraphNodeKind } from './types';

/**
 * How each kind of node is drawn, on the canvas and in the drawn SVG alike: its tag and the
 * colour of its left edge (the canvas names the same colours as Tailwind classes).
 */
export const NODE_STYLE: Record<GraphNodeKind, { tag: string; accent: string }> = {
  gateway: { tag: 'Gateway', accent: '#6366f1' },
  virtualService: { tag: 'VirtualService', accent: '#0ea5e9' },
  route: { tag: 'Route', accent: '#06b6d4' },
  destination: { tag: 'Destination', accent: '#10b981' },
  subset: { tag: 'Subset', accent: '#f59e0b' },
  serviceEntry: { tag: 'ServiceEntry', accent: '#c026d3' },
  workload: { tag: 'Workloads', accent: '#64748b' },
  invalid: { tag: 'Unreadable object', accent: '#dc2626' },
};

/** Problem marks by severity: the badge's fill and text, and the ring or stroke colour. */
export const SEVERITY_COLOUR: Record<Severity, { fill: string; text: string; stroke: string }> = {
  error: { fill: '#dc2626', text: '#ffffff', stroke: '#dc2626' },
  warning: { fill: '#fbbf24', text: '#451a03', stroke: '#d97706' },
  info: { fill: '#e0f2fe', text: '#075985', stroke: '#0284c7' },
};

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The most severe of some problems (or findings), or undefined when there are none. */
export function worstOf(problems: ReadonlyArray<{ severity: Severity }>): Severity | undefined {
  let worst: Severity | undefined;
  for (const { severity } of problems) if (!worst || RANK[severity] > RANK[worst]) worst = severity;
  return worst;
}
