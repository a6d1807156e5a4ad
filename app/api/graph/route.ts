import { buildGraph } from '@/lib/graph/build-graph';
import { viewerOf } from '@/lib/server/auth/viewer';
import { errorResponse } from '@/lib/server/http-errors';
import { viewNamespaces } from '@/lib/server/view-namespaces';
import { validate } from '@/lib/validate';

/** The graph as the screen draws it, for anyone's tools: `{sequence, nodes, edges}`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await viewerOf(request);
    const url = new URL(request.url);
    const namespaces = viewNamespaces(url.searchParams);
    // Built from what the person may see only, so no node, edge or finding names the rest;
    // for some namespaces, from what a view of them holds rather than the whole mesh.
    const snapshot = await viewer.snapshot(namespaces);
    const graph = buildGraph(snapshot, validate(snapshot), {
      namespaces: namespaces.length > 0 ? namespaces : undefined,
      search: url.searchParams.get('search') ?? undefined,
    });
    return Response.json(
      { sequence: snapshot.sequence, ...graph },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
