import { useMemo } from 'react';
import { buildGraph } from '@/lib/graph/build-graph';
import type { MeshGraph } from '@/lib/graph/types';
import type { MeshSnapshot } from '@/lib/mesh/types';
import type { Finding } from '@/lib/validate/types';
import { validate } from '@/lib/validate/validate';

const EMPTY: MeshGraph = { nodes: [], edges: [] };
const NONE: readonly Finding[] = [];

/** Every finding of the snapshot, computed once per snapshot: the graph and the problems panel share it. */
export function useFindings(view: MeshSnapshot | undefined): readonly Finding[] {
  return useMemo(() => (view ? validate(view) : NONE), [view]);
}

/** The graph of what the screen shows, with problems drawn where they are. */
export function useMeshGraph(
  view: MeshSnapshot | undefined,
  findings: readonly Finding[],
  namespaces: readonly string[],
  search: string,
): MeshGraph {
  const namespaceKey = namespaces.join('\n');
  return useMemo(() => {
    if (!view) return EMPTY;
    const chosen = namespaceKey ? namespaceKey.split('\n') : undefined;
    return buildGraph(view, findings, { namespaces: chosen, search: search.trim() || undefined });
  }, [view, findings, namespaceKey, search]);
}
