import { useCallback, useEffect, useRef, useState } from 'react';
import { nodeSize } from '@/lib/graph/layout';
import type { MeshGraph } from '@/lib/graph/types';
import type { XY } from './flow-types';
import { layoutOffMainThread } from './layout-off-main-thread';

/**
 * Positions that never move once given: only nodes without one are laid out (with the placed
 * ones passed as fixed), so a change in the cluster never rearranges what a person is
 * looking at. One layout runs at a time; updates that arrive meanwhile are laid out after.
 */
export function useStableLayout(graph: MeshGraph) {
  const placed = useRef(new Map<string, XY>());
  const latest = useRef(graph);
  const running = useRef(false);
  const [revision, setRevision] = useState(0);
  latest.current = graph;

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (;;) {
        const current = latest.current;
        const missing = current.nodes.filter((node) => !placed.current.has(node.id));
        if (missing.length === 0) break;
        const sizes = Object.fromEntries(current.nodes.map((node) => [node.id, nodeSize(node)]));
        const previous = Object.fromEntries(
          current.nodes.flatMap((node) => {
            const position = placed.current.get(node.id);
            return position ? [[node.id, position]] : [];
          }),
        );
        const positions = await layoutOffMainThread(current, sizes, previous).catch((error: unknown) => {
          console.error('Layout failed; placing new nodes in a column instead', error);
          return {} as Record<string, XY>;
        });
        const fallbackX = rightmost(placed.current) + 400;
        missing.forEach((node, index) => {
          placed.current.set(node.id, positions[node.id] ?? { x: fallbackX, y: index * 120 });
        });
        setRevision((value) => value + 1);
      }
    } finally {
      running.current = false;
    }
  }, []);

  // A new graph is what may hold new nodes; `run` reads it from `latest`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    void run();
  }, [graph, run]);

  const move = useCallback((id: string, position: XY) => {
    placed.current.set(id, position);
  }, []);

  return { positions: placed.current as ReadonlyMap<string, XY>, revision, move };
}

// Where nodes the layout could not place go: right of everything, never on top of others.
function rightmost(placed: ReadonlyMap<string, XY>): number {
  let right = 0;
  for (const { x } of placed.values()) right = Math.max(right, x);
  return right;
}
