import 'server-only';
import type { GraphAnswer } from '../api/graph';
import { buildGraph } from '../graph/build-graph';
import { validate } from '../validate';
import type { Viewer } from './auth/viewer';

/**
 * The graph as the screen draws it, built from what the person may see only, so that no
 * node, edge or finding names the rest; for some namespaces, from what a view of them holds
 * rather than the whole mesh.
 */
export async function graphOf(
  viewer: Viewer,
  view: { namespaces: readonly string[]; search?: string },
): Promise<GraphAnswer> {
  const snapshot = await viewer.snapshot(view.namespaces);
  const graph = buildGraph(snapshot, validate(snapshot), {
    namespaces: view.namespaces.length > 0 ? view.namespaces : undefined,
    search: view.search,
  });
  return { sequence: snapshot.sequence, ...graph };
}
