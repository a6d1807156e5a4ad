/** How far down a part reaches in one column: from its top to its bottom edge. */
export interface Extent {
  top: number;
  bottom: number;
}

/** A part's extent in one column once it is placed. */
interface Placed extends Extent {
  part: number;
}

/**
 * How far to move each part down so that no two overlap (with `gap` between them) in any
 * column: each, in turn, at the lowest offset from 0 where it fits, so a short part fills the
 * room beside or between earlier ones that it shares no column with. A part only goes where it
 * keeps the same order, top to bottom, against every other part in each two neighbouring
 * columns they both take up: edges of unconnected parts never cross. Offsets are never
 * negative; below everything placed, a part always fits.
 */
export function stackParts(parts: ReadonlyArray<ReadonlyMap<number, Extent>>, gap: number): number[] {
  const columns = new Map<number, Placed[]>();
  const offsets: number[] = [];
  parts.forEach((part, index) => {
    const taken = [...part].sort(([a], [b]) => a - b);
    let offset = 0;
    for (;;) {
      const slots = taken.map(([column, extent]) => slot(columns.get(column) ?? [], offset, extent, gap));
      const blocked = slots.findIndex((at) => at.clash);
      if (blocked >= 0) {
        // Past the part in the way, and try again from there.
        const [, extent] = taken[blocked] as [number, Extent];
        offset = (slots[blocked]?.below ?? 0) + gap - extent.top;
        continue;
      }
      if (keepsOrder(taken, slots, columns, parts)) break;
      // Past the nearest part below in any column.
      offset = Math.min(
        ...taken.map(([column, extent], at) => {
          const next = columns.get(column)?.[slots[at]?.index ?? 0];
          return next ? next.bottom + gap - extent.top : Number.POSITIVE_INFINITY;
        }),
      );
    }
    offsets.push(offset);
    taken.forEach(([column, extent]) => {
      const placed = columns.get(column) ?? [];
      const at = slot(placed, offset, extent, gap).index;
      placed.splice(at, 0, { top: offset + extent.top, bottom: offset + extent.bottom, part: index });
      columns.set(column, placed);
    });
  });
  return offsets;
}

const ROUNDING = 1e-6;

/**
 * Where an extent moved down by `offset` goes in a column's placed extents (sorted top to
 * bottom, apart from each other): the index of the first one below it, and whether one is in
 * the way (then `below` is the bottom of the lowest of those in the way).
 */
function slot(
  placed: readonly Placed[],
  offset: number,
  extent: Extent,
  gap: number,
): { index: number; clash: boolean; below: number } {
  // Moved to just below another part, offset + top may come out a rounding error above it.
  const top = offset + extent.top + ROUNDING;
  const bottom = offset + extent.bottom - ROUNDING;
  // The first placed extent whose bottom, with the gap, reaches below this top.
  let low = 0;
  let high = placed.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((placed[middle] as Placed).bottom + gap > top) high = middle;
    else low = middle + 1;
  }
  let last = low;
  while (last < placed.length && (placed[last] as Placed).top < bottom + gap) last++;
  return last === low
    ? { index: low, clash: false, below: 0 }
    : { index: low, clash: true, below: (placed[last - 1] as Placed).bottom };
}

// In each two neighbouring columns the part takes up, as many of the parts that take up both
// are above it in one as in the other: placed parts keep one order, so the same ones.
function keepsOrder(
  taken: ReadonlyArray<readonly [number, Extent]>,
  slots: ReadonlyArray<{ index: number }>,
  columns: ReadonlyMap<number, readonly Placed[]>,
  parts: ReadonlyArray<ReadonlyMap<number, Extent>>,
): boolean {
  for (let at = 0; at + 1 < taken.length; at++) {
    const left = (taken[at] as [number, Extent])[0];
    const right = (taken[at + 1] as [number, Extent])[0];
    if (right !== left + 1) continue;
    const above = (column: number, other: number, end: number) =>
      (columns.get(column) ?? []).slice(0, end).filter((placed) => parts[placed.part]?.has(other)).length;
    if (above(left, right, slots[at]?.index ?? 0) !== above(right, left, slots[at + 1]?.index ?? 0))
      return false;
  }
  return true;
}
