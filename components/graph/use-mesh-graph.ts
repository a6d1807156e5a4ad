import { useMemo } from 'react';
import { buildGraph } from '@/lib/graph/build-graph';
import type { MeshGraph } from '@/lib/graph/types';
import type { MeshSnapshot } from '@/lib/mesh/types';
import { validate } from '@/lib/validate/validate';

const EMPTY: MeshGraph = { nodes: [], edges: [] };

/** The graph of what the screen shows, with problems drawn where they are. */
export function useMeshGraph(
  view: MeshSnapshot | undefined,
  namespaces: readonly string[],
  search: string,
): MeshGraph {
  const findings = useMemo(() => (view ? validate(view) : []), [view]);
  const namespaceKey = namespaces.join('\n');
  return useMemo(() => {
    if (!view) return EMPTY;
    const chosen = namespaceKey ? namespaceKey.split('\n') : undefined;
    return buildGraph(view, findings, { namespaces: chosen, search: search.trim() || undefined });
  }, [view, findings, namespaceKey, search]);
}
