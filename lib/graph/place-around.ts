import { COLUMN_GAP, columnOf, NODE_GAP, type Size, type XY } from './node-size';
import type { GraphNode } from './types';

/** A placed node's box. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Positions for every node: kept nodes where they are; new nodes where the local layout
 * (`fresh`) puts them, shifted by how far their already placed neighbours sit from their own
 * local positions (so a new route lands beside its VirtualService), in their column's x, then
 * up or down to the nearest place that is free. New nodes with no placed neighbour at all go
 * below the drawing.
 */
export function placeAround(
  nodes: readonly GraphNode[],
  neighbours: ReadonlyMap<string, readonly string[]>,
  sizeOf: (node: GraphNode) => Size,
  kept: ReadonlyMap<string, XY>,
  fresh: Readonly<Record<string, XY>>,
): Record<string, XY> {
  const placed = new Map<string, XY>(kept);
  const rects: Rect[] = [];
  const keptX = new Map<number, number[]>();
  const width = new Map<number, number>();
  const shiftY: number[] = [];
  let bottom = Number.NEGATIVE_INFINITY;
  for (const node of nodes) {
    const column = columnOf(node.kind, node.hop);
    const size = sizeOf(node);
    width.set(column, Math.max(width.get(column) ?? 0, size.width));
    const at = kept.get(node.id);
    if (!at) continue;
    rects.push({ ...at, ...size });
    append(keptX, column, at.x);
    bottom = Math.max(bottom, at.y + size.height);
    const start = fresh[node.id];
    if (start) shiftY.push(at.y - start.y);
  }
  const fresher = nodes
    .filter((node) => !kept.has(node.id))
    .sort(
      (a, b) =>
        columnOf(a.kind, a.hop) - columnOf(b.kind, b.hop) || (fresh[a.id]?.y ?? 0) - (fresh[b.id]?.y ?? 0),
    );
  const columnX = columnPositions(
    keptX,
    width,
    new Set(fresher.map((node) => columnOf(node.kind, node.hop))),
  );
  const top = Math.min(...fresher.map((node) => fresh[node.id]?.y ?? 0));
  const fallback = shiftY.length > 0 ? median(shiftY) : bottom + COLUMN_GAP - top;

  for (const node of fresher) {
    const start = fresh[node.id] ?? { x: 0, y: 0 };
    const offsets = (neighbours.get(node.id) ?? []).flatMap((id) => {
      const at = placed.get(id);
      const from = fresh[id];
      return at && from ? [at.y - from.y] : [];
    });
    const shift = offsets.length > 0 ? offsets.reduce((a, b) => a + b, 0) / offsets.length : fallback;
    const x = columnX.get(columnOf(node.kind, node.hop)) ?? 0;
    const size = sizeOf(node);
    const y = nearestFreeY({ x, y: start.y + shift, ...size }, rects);
    placed.set(node.id, { x, y });
    rects.push({ x, y, ...size });
  }
  return Object.fromEntries(placed);
}

// A column with kept nodes stays where they are (their median x); a new column goes right of
// the nearest column to its left, or left of the nearest to its right. New columns left of every
// kept one are laid out leftwards from it, nearest first: marched right from the first of them,
// they ran into the kept column (a route's column on its ServiceEntry's, the subset's beyond it).
function columnPositions(
  keptX: ReadonlyMap<number, number[]>,
  width: ReadonlyMap<number, number>,
  wanted: ReadonlySet<number>,
): Map<number, number> {
  const x = new Map<number, number>();
  for (const [column, xs] of keptX) x.set(column, median(xs));
  // Without kept columns (none), every new one goes rightwards from the first.
  const first = x.size > 0 ? Math.min(...x.keys()) : Number.NEGATIVE_INFINITY;
  const added = [...wanted].filter((column) => !x.has(column)).sort((a, b) => a - b);
  const before = added.filter((column) => column < first).reverse();
  for (const column of [...before, ...added.filter((column) => !(column < first))]) {
    const left = [...x.keys()].filter((other) => other < column).sort((a, b) => b - a)[0];
    const right = [...x.keys()].filter((other) => other > column).sort((a, b) => a - b)[0];
    if (left !== undefined) x.set(column, (x.get(left) ?? 0) + (width.get(left) ?? 0) + COLUMN_GAP);
    else if (right !== undefined) x.set(column, (x.get(right) ?? 0) - (width.get(column) ?? 0) - COLUMN_GAP);
    else x.set(column, 0);
  }
  return x;
}

/**
 * The y nearest to `rect.y` (above or below) where the rectangle, with a gap around it,
 * overlaps none of `rects`. Each obstacle forbids an open interval of y; between the merged
 * intervals y is free, and so are their ends.
 */
export function nearestFreeY(rect: Rect, rects: readonly Rect[]): number {
  const gap = NODE_GAP / 2;
  const forbidden = rects
    .filter((other) => other.x < rect.x + rect.width + gap && rect.x < other.x + other.width + gap)
    .map((other) => ({ from: other.y - rect.height - gap, to: other.y + other.height + gap }))
    .sort((a, b) => a.from - b.from);
  for (let i = 0; i < forbidden.length; i++) {
    const current = forbidden[i] as { from: number; to: number };
    // Merge the intervals that overlap this one into it.
    let to = current.to;
    let j = i + 1;
    while (j < forbidden.length && (forbidden[j] as { from: number }).from < to) {
      to = Math.max(to, (forbidden[j] as { to: number }).to);
      j++;
    }
    if (rect.y > current.from && rect.y < to) {
      // On a tie, below: new things read as added after.
      return rect.y - current.from < to - rect.y ? current.from : to;
    }
    i = j - 1;
  }
  return rect.y;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Adds a value to the list under a key. */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
