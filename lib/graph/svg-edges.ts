import { describeHop } from './describe-hop';
import { SEVERITY_COLOUR, worstOf } from './graph-style';
import type { XY } from './node-size';
import type { NodeBox } from './svg-node-box';
import { textWidth } from './text-width';
import type { GraphEdge } from './types';

/** Where an edge runs: from the right middle of its source to the left middle of its target. */
interface Ends {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
}

/** A label box on or beside an edge: its centre-left corner and text. */
export interface EdgeLabel {
  edge: GraphEdge;
  /** Left end of the box and its vertical middle. */
  x: number;
  y: number;
  width: number;
  text: string;
  kind: 'weight' | 'mirror' | 'delegate' | 'hop' | 'problem';
}

export const LABEL = { height: 16, size: 11, pad: 5, slot: 20, gap: 6 } as const;

// React Flow's bezier: control points pulled out horizontally by half the distance, or for an
// edge running backwards, by a little more the further back it runs.
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

/** The SVG path of an edge between two points, shaped as the canvas draws it. */
export function bezierPath({ sx, sy, tx, ty }: Ends): string {
  const offset = controlOffset(tx - sx);
  return `M${r(sx)},${r(sy)} C${r(sx + offset)},${r(sy)} ${r(tx - offset)},${r(ty)} ${r(tx)},${r(ty)}`;
}

/** The point at `t` (0..1) along that path. */
export function pointAt({ sx, sy, tx, ty }: Ends, t: number): XY {
  const offset = controlOffset(tx - sx);
  const u = 1 - t;
  const x = u * u * u * sx + 3 * u * u * t * (sx + offset) + 3 * u * t * t * (tx - offset) + t * t * t * tx;
  const y = u * u * u * sy + 3 * u * u * t * sy + 3 * u * t * t * ty + t * t * t * ty;
  return { x, y };
}

/** Rounded to a tenth of a pixel: short output, the same text for the same input. */
export function r(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The ends of an edge between two placed cards. */
export function endsOf(source: XY, sourceBox: NodeBox, target: XY, targetBox: NodeBox): Ends {
  return {
    sx: source.x + sourceBox.width,
    sy: source.y + sourceBox.height / 2,
    tx: target.x,
    ty: target.y + targetBox.height / 2,
  };
}

/**
 * The labels edges carry: each weight just before its destination (several converging on one
 * destination stack in the order of their routes' places, as on the canvas), the mirrored
 * share along a mirror edge, `delegate`, and a problem mark on other edges that have one.
 */
export function edgeLabels(
  edges: readonly GraphEdge[],
  ends: ReadonlyMap<string, Ends>,
  sourceY: (edge: GraphEdge) => number,
): EdgeLabel[] {
  const slots = new Map<string, [number, number]>();
  const byTarget = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    if (edge.kind === 'weight') byTarget.set(edge.target, [...(byTarget.get(edge.target) ?? []), edge]);
  }
  for (const group of byTarget.values()) {
    group.sort((a, b) => sourceY(a) - sourceY(b) || a.id.localeCompare(b.id));
    for (const [index, edge] of group.entries()) slots.set(edge.id, [index, group.length]);
  }
  const labels: EdgeLabel[] = [];
  const box = (edge: GraphEdge, kind: EdgeLabel['kind'], text: string, centre: XY, alignRight = false) => {
    const width =
      textWidth(text, kind === 'weight' ? 'bold' : 'sans', LABEL.size) +
      2 * LABEL.pad +
      (edge.problems.length > 0 ? 14 : 0);
    labels.push({
      edge,
      kind,
      text,
      width,
      x: alignRight ? centre.x - width : centre.x - width / 2,
      y: centre.y,
    });
  };
  for (const edge of edges) {
    const at = ends.get(edge.id);
    if (!at) continue;
    if (edge.kind === 'weight' && edge.weight) {
      const [slot, count] = slots.get(edge.id) ?? [0, 1];
      const y = at.ty + (slot - (count - 1) / 2) * LABEL.slot;
      box(edge, 'weight', `${edge.weight.weight}%`, { x: at.tx - LABEL.gap, y }, true);
    } else if (edge.kind === 'mirror') {
      box(edge, 'mirror', `mirror ${edge.mirrorPercent ?? 100}%`, pointAt(at, 0.6));
    } else if (edge.kind === 'delegate') {
      box(edge, 'delegate', 'delegate', pointAt(at, 0.5));
    } else if ((edge.kind === 'egress' || edge.kind === 'entry') && describeHop(edge.hop)) {
      box(edge, 'hop', describeHop(edge.hop), pointAt(at, 0.5));
    } else if (worstOf(edge.problems)) {
      box(edge, 'problem', '', pointAt(at, 0.5));
    }
  }
  return labels;
}

/** The stroke of an edge: its worst problem's colour, else by kind (a share of 0 is faint). */
export function edgeStroke(edge: GraphEdge): { stroke: string; width: number; dash?: string } {
  const worst = worstOf(edge.problems);
  const problem = worst ? SEVERITY_COLOUR[worst].stroke : undefined;
  switch (edge.kind) {
    case 'weight': {
      const weight = edge.weight?.weight ?? 0;
      return { stroke: problem ?? (weight === 0 ? '#cbd5e1' : '#475569'), width: 1.25 + (weight / 100) * 4 };
    }
    case 'mirror':
      return { stroke: '#9333ea', width: 1.5, dash: '6 4' };
    case 'delegate':
      return { stroke: '#0d9488', width: 2, dash: '2 3' };
    case 'egress':
    case 'entry':
      return { stroke: problem ?? '#a21caf', width: 1.75, ...(edge.hop?.inferred && { dash: '5 4' }) };
    default:
      return { stroke: problem ?? '#94a3b8', width: 1.25 };
  }
}
