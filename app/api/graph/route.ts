import { buildGraph } from '@/lib/graph/build-graph';
import { errorResponse } from '@/lib/server/http-errors';
import { getStore } from '@/lib/server/store';
import { validate } from '@/lib/validate';

/** The graph as the screen draws it, for anyone's tools: `{sequence, nodes, edges}`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { store } = await getStore();
    const url = new URL(request.url);
    const namespaces = url.searchParams.getAll('namespace');
    const snapshot = store.snapshot();
    const graph = buildGraph(snapshot, validate(snapshot), {
      namespaces: namespaces.length > 0 ? namespaces : undefined,
      search: url.searchParams.get('search') ?? undefined,
    });
    return Response.json({ sequence: snapshot.sequence, ...graph }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
