import type { GraphNode, GraphNodeKind } from './types';

export interface Size {
  width: number;
  height: number;
}

export interface XY {
  x: number;
  y: number;
}

/** Columns left to right; an unreadable object stands in the last one. */
export const COLUMNS: readonly GraphNodeKind[] = [
  'gateway',
  'virtualService',
  'route',
  'destination',
  'subset',
  'serviceEntry',
  'workload',
  'invalid',
];

/**
 * The column a node of this kind stands in (an unknown kind goes last). A node `hop` gateways
 * further along an egress chain stands in the same kind's column of the hop's own set of
 * columns, right of the previous set, so a chain through an egress gateway reads left to right.
 */
export function columnOf(kind: string, hop = 0): number {
  const column = COLUMNS.indexOf(kind as GraphNodeKind);
  const at = column < 0 ? COLUMNS.length - 1 : column;
  const step = Number.isInteger(hop) && hop > 0 ? Math.min(hop, 8) : 0;
  return at + step * COLUMNS.length;
}

const WIDTH: Record<GraphNodeKind, number> = {
  gateway: 240,
  virtualService: 240,
  route: 260,
  destination: 260,
  subset: 180,
  serviceEntry: 260,
  workload: 200,
  invalid: 280,
};

// The card's padding, tag line and title; each detail line below them is 16px (leading-4).
const HEAD = 52;
const LINE = 16;

/** The size a node is drawn at: width by kind, height by its number of detail lines. */
export function nodeSize(node: Pick<GraphNode, 'kind' | 'details'>): Size {
  const lines = Array.isArray(node.details) ? node.details.length : 0;
  return { width: WIDTH[node.kind] ?? WIDTH.invalid, height: HEAD + LINE * lines };
}

/** Space between columns and between nodes of one column. */
export const COLUMN_GAP = 96;
export const NODE_GAP = 24;
