import 'server-only';
import type { FirstLayout } from '../api/snapshot';
import { buildGraph } from '../graph/build-graph';
import { layoutGraph, nodeSize, type XY } from '../graph/layout';
import type { MeshGraph } from '../graph/types';
import type { MeshSnapshot } from '../mesh/types';
import { validate } from '../validate';
import { elkQueued, elkThread } from './elk-thread';

/**
 * Past this many nodes the page lays its view out itself: the server's elk would hold the
 * first HTML back longer than the browser's worker takes (a namespace is ~200 nodes).
 */
const MAX_NODES = 600;
/** Layouts kept, most recently used: a namespace opened again (another person, a reload) costs none. */
const KEPT = 64;
const kept = new Map<string, Promise<Record<string, XY>>>();
/**
 * The longest the first HTML waits for a layout: elk still cold (the first view after a start)
 * takes seconds; the page then lays out itself, and the layout, finished here meanwhile, is
 * kept for the next page.
 */
const WAIT_MS = 800;
/**
 * Layouts the thread may have waiting at once. Past it a new view is left to its page: many
 * views opened together (a crawler, a team's morning) would otherwise queue layouts for
 * minutes, each page waiting its 800 ms for nothing behind the others.
 */
const MAX_QUEUED = 2;

/**
 * Where the page's first graph of `namespaces` stands, laid out here on elk's own thread
 * (lib/server/elk-thread.ts), where elk is compiled hot after the first views: a browser's
 * worker first loads elk (1.5 MB) and runs it cold, which took 1.3–1.8 s for one namespace of the 10,000-VirtualService mesh, where the server's warm elk
 * takes a few hundred milliseconds and a layout kept from before none. The positions are the
 * browser's own (lib/graph's layout of the same graph, nodeSize), so the page draws at once
 * and lays out only what differs. `view` is the page's key for the view. Undefined: not ready
 * in time, or a graph too large to wait for.
 */
export async function firstLayout(
  snapshot: MeshSnapshot,
  namespaces: readonly string[],
  view: string,
  waitMs = WAIT_MS,
): Promise<FirstLayout | undefined> {
  const graph = buildGraph(snapshot, validate(snapshot), { namespaces: [...namespaces] });
  if (graph.nodes.length === 0 || graph.nodes.length > MAX_NODES) return undefined;
  const key = shapeOf(graph);
  let positions = kept.get(key);
  if (positions) kept.delete(key);
  else {
    if (elkQueued() >= MAX_QUEUED) return undefined;
    const run = elkThread();
    if (!run) return undefined;
    positions = layoutGraph(graph, nodeSize, {}, run);
  }
  kept.set(key, positions);
  for (const old of kept.keys()) {
    if (kept.size <= KEPT) break;
    kept.delete(old);
  }
  // A layout that failed is not kept: the next page tries again.
  positions.catch(() => kept.get(key) === positions && kept.delete(key));
  let stop = () => {};
  const late = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    stop = () => clearTimeout(timer);
  });
  try {
    const laid = await Promise.race([positions, late]);
    return laid && { view, positions: laid };
  } finally {
    stop();
  }
}

/** What a layout depends on: the nodes (ids, kinds, sizes) and the edges between them, in order. */
function shapeOf(graph: MeshGraph): string {
  const nodes = graph.nodes.map((node) => {
    const { width, height } = nodeSize(node);
    return `${node.id}\t${node.kind}\t${node.hop ?? 0}\t${width}\t${height}`;
  });
  const edges = graph.edges.map((edge) => `${edge.source}\t${edge.target}`);
  return `${nodes.join('\n')}\n\n${edges.join('\n')}`;
}
