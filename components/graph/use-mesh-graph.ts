import { useMemo, useRef } from 'react';
import type { MeshGraph } from '@/lib/graph/types';
import type { MeshSnapshot } from '@/lib/mesh/types';
import type { Finding } from '@/lib/validate/types';
import { nextViewGraph, type ViewGraph } from './view-graph';

const EMPTY: MeshGraph = { nodes: [], edges: [] };
const NONE: readonly Finding[] = [];

/**
 * The graph of what the screen shows, with problems drawn where they are, and every finding of
 * the view (the graph and the problems panel share them). A drag's writes move weights only:
 * those edges change and nothing is built again (`builds` counts the whole builds).
 */
export function useMeshGraph(
  view: MeshSnapshot | undefined,
  namespaces: readonly string[],
  search: string,
): { graph: MeshGraph; findings: readonly Finding[]; builds: number } {
  const last = useRef<ViewGraph | undefined>(undefined);
  const namespaceKey = namespaces.join('\n');
  const trimmed = search.trim() || undefined;
  const current = useMemo(() => {
    if (!view) return undefined;
    const next = nextViewGraph(
      last.current,
      view,
      namespaceKey ? namespaceKey.split('\n') : undefined,
      trimmed,
    );
    last.current = next;
    return next;
  }, [view, namespaceKey, trimmed]);
  return {
    graph: current?.graph ?? EMPTY,
    findings: current?.findings ?? NONE,
    builds: current?.builds ?? 0,
  };
}
