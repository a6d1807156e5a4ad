/**
 * The connected parts of a graph: node ids grouped by the edges between them (in either
 * direction), each group in the order `ids` gives and the groups in the order of their first
 * node. Edges to ids not in `ids` are ignored.
 */
export function connectedParts(
  ids: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string }>,
): string[][] {
  const index = new Map(ids.map((id, position) => [id, position]));
  const parent = ids.map((_, position) => position);
  const root = (start: number): number => {
    let at = start;
    while (parent[at] !== at) {
      const up = parent[at] as number;
      parent[at] = parent[up] as number;
      at = up;
    }
    return at;
  };
  for (const edge of edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a === undefined || b === undefined) continue;
    const ra = root(a);
    const rb = root(b);
    // The smaller position wins, so a part's root is its first node.
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  }
  const parts = new Map<number, string[]>();
  ids.forEach((id, position) => {
    const at = root(position);
    const part = parts.get(at);
    if (part) part.push(id);
    else parts.set(at, [id]);
  });
  return [...parts.values()];
}
