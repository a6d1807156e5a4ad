import { useCallback, useEffect, useRef, useState } from 'react';
import { nodeSize } from '@/lib/graph/node-size';
import type { MeshGraph } from '@/lib/graph/types';
import type { XY } from './flow-types';
import { layoutOffMainThread } from './layout-off-main-thread';

/** Positions a view starts from (worked out elsewhere: the server's first layout), by layout key. */
export interface LayoutSeed {
  key: string;
  positions: Readonly<Record<string, XY>>;
}

/** Views whose positions are remembered, most recently used kept. */
const REMEMBERED_VIEWS = 20;

/**
 * Positions that never move once given. Within one view (a namespace choice, a search, the
 * collapsed namespaces) only nodes without a position are laid out, with the placed ones
 * passed as fixed, so a change in the cluster never rearranges what a person is looking at.
 * A new view gets its own compact layout, and coming back to a view brings its positions
 * back. One layout runs at a time; updates that arrive meanwhile are laid out after it.
 */
export function useStableLayout(graph: MeshGraph, view: string, seed?: LayoutSeed) {
  const views = useRef(new Map<string, Map<string, XY>>());
  // The hop each placed node had (per view): see `movedHops`.
  const hops = useRef(new Map<string, Map<string, number>>());
  const latest = useRef({ graph, view });
  const running = useRef(false);
  const [revision, setRevision] = useState(0);
  const layouts = useRef(0);
  latest.current = { graph, view };
  const seeded = useRef(seed);
  seeded.current = seed;

  const placedIn = useCallback((key: string) => {
    // A view met for the first time starts from its seed, if it has one: nothing to lay out.
    const start = seeded.current?.key === key ? Object.entries(seeded.current.positions) : [];
    const placed = views.current.get(key) ?? new Map<string, XY>(start);
    views.current.delete(key);
    views.current.set(key, placed);
    for (const old of views.current.keys()) {
      if (views.current.size <= REMEMBERED_VIEWS) break;
      views.current.delete(old);
      hops.current.delete(old);
    }
    return placed;
  }, []);

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (;;) {
        const { graph: current, view: key } = latest.current;
        const placed = placedIn(key);
        if (!hops.current.has(key)) hops.current.set(key, new Map());
        for (const id of movedHops(current, hops.current.get(key) as Map<string, number>)) placed.delete(id);
        const missing = current.nodes.filter((node) => !placed.has(node.id));
        if (missing.length === 0) break;
        const sizes = Object.fromEntries(current.nodes.map((node) => [node.id, nodeSize(node)]));
        const previous = Object.fromEntries(
          current.nodes.flatMap((node) => {
            const position = placed.get(node.id);
            return position ? [[node.id, position]] : [];
          }),
        );
        layouts.current += 1;
        const positions = await layoutOffMainThread(current, sizes, previous).catch((error: unknown) => {
          console.error('Layout failed; placing new nodes in a column instead', error);
          return {} as Record<string, XY>;
        });
        const fallbackX = rightmost(placed) + 400;
        missing.forEach((node, index) => {
          placed.set(node.id, positions[node.id] ?? { x: fallbackX, y: index * 120 });
        });
        setRevision((value) => value + 1);
      }
    } finally {
      running.current = false;
    }
  }, [placedIn]);

  // A new graph or view is what may hold nodes without a position; `run` reads them from `latest`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    void run();
  }, [graph, view, run]);

  const move = useCallback(
    (id: string, position: XY) => {
      placedIn(latest.current.view).set(id, position);
    },
    [placedIn],
  );

  return { positions: placedIn(view) as ReadonlyMap<string, XY>, revision, move, layouts: layouts.current };
}

/**
 * Nodes whose hop changed since they were placed (a Gateway that became an egress hop when a
 * route to its Service arrived): their kept place is in the wrong set of columns, so they are
 * laid out again and the chain reads left to right. Records each node's hop as it is now.
 */
function movedHops(graph: MeshGraph, seen: Map<string, number>): string[] {
  const moved: string[] = [];
  for (const node of graph.nodes) {
    const hop = node.hop ?? 0;
    const was = seen.get(node.id);
    if (was !== undefined && was !== hop) moved.push(node.id);
    seen.set(node.id, hop);
  }
  return moved;
}

// Where nodes the layout could not place go: right of everything, never on top of others.
function rightmost(placed: ReadonlyMap<string, XY>): number {
  let right = 0;
  for (const { x } of placed.values()) right = Math.max(right, x);
  return right;
}
