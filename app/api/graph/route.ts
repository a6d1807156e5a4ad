import type { GraphAnswer } from '@/lib/api/graph';
import { readEndpoint } from '@/lib/server/endpoint';
import { graphOf } from '@/lib/server/graph';
import { viewNamespaces } from '@/lib/server/view-namespaces';

/** The graph as the screen draws it, for anyone's tools: `{sequence, nodes, edges}`. */
export const GET = readEndpoint(
  (viewer, query): Promise<GraphAnswer> =>
    graphOf(viewer, { namespaces: viewNamespaces(query), search: query.get('search') ?? undefined }),
);
