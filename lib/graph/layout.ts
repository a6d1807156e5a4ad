import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { objectKey } from '../mesh/object-key';
import type { RouteKind } from '../mesh/types';
import { connectedParts } from './connected-parts';
import { COLUMN_GAP, columnOf, NODE_GAP, nodeSize, type Size, type XY } from './node-size';
import { append, placeAround } from './place-around';
import { type Extent, stackParts } from './stack-parts';
import type { GraphNode, MeshGraph } from './types';

// The UI sizes nodes and orders columns with what the layout uses.
export { COLUMN_GAP, COLUMNS, columnOf, NODE_GAP, nodeSize, type Size, type XY } from './node-size';

// One instance for the module: the bundled build runs in Node and in the browser alike.
const elk = new ELK();

/**
 * What runs elk on a graph: by default this module's own instance, which works on the calling
 * thread (in one long task); the server passes one that runs it on a thread of its own.
 */
export type ElkRun = (root: ElkNode) => Promise<ElkNode>;
const here: ElkRun = (root) => elk.layout(root);

/**
 * Positions (top-left corners) for the nodes of a graph, one column per node kind. Nodes with
 * a position in `previous` keep it exactly. Without any, the whole graph gets a layered
 * layout; otherwise only the new nodes and their neighbours are laid out, and the new nodes
 * are moved beside the kept neighbours they connect to, to the nearest place where they
 * overlap nothing. `sizes` is a function of the node or a map by node id;
 * a node it does not cover gets `nodeSize`.
 */
export async function layoutGraph(
  graph: MeshGraph,
  sizes: ((node: GraphNode) => Size) | Readonly<Record<string, Size>> = nodeSize,
  previous: Readonly<Record<string, XY>> = {},
  run: ElkRun = here,
): Promise<Record<string, XY>> {
  const nodes = uniqueNodes(graph.nodes);
  const sizeOf = (node: GraphNode): Size => {
    const size = typeof sizes === 'function' ? sizes(node) : sizes[node.id];
    return size && Number.isFinite(size.width) && Number.isFinite(size.height) ? size : nodeSize(node);
  };
  const kept = new Map<string, XY>();
  for (const node of nodes) {
    const position = previous?.[node.id];
    if (position && Number.isFinite(position.x) && Number.isFinite(position.y))
      kept.set(node.id, { x: position.x, y: position.y });
  }
  if (kept.size === nodes.length) return Object.fromEntries(kept);
  if (kept.size === 0) return layeredLayout(nodes, graph.edges, sizeOf, run);

  // An update: lay out only the new nodes with their direct neighbours, which anchor them.
  const ids = new Set(nodes.map((node) => node.id));
  const neighbours = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (edge.source === edge.target || !ids.has(edge.source) || !ids.has(edge.target)) continue;
    append(neighbours, edge.source, edge.target);
    append(neighbours, edge.target, edge.source);
  }
  const around = new Set<string>();
  for (const node of nodes) {
    if (kept.has(node.id)) continue;
    around.add(node.id);
    for (const id of neighbours.get(node.id) ?? []) around.add(id);
  }
  const fresh = await layeredLayout(
    nodes.filter((node) => around.has(node.id)),
    graph.edges,
    sizeOf,
    run,
  );
  return placeAround(nodes, neighbours, sizeOf, kept, fresh);
}

function uniqueNodes(nodes: readonly GraphNode[]): GraphNode[] {
  const seen = new Set<string>();
  return nodes.filter((node) => !seen.has(node.id) && seen.add(node.id));
}

/**
 * Space between unconnected parts: as between the nodes of one part, so the drawing is no
 * taller than one elk layout of everything (a wider gap cost 6,600 px at 275 parts); edges show
 * what belongs together.
 */
const PART_GAP = NODE_GAP;

/**
 * Above this many nodes in one part, one crossing minimisation pass instead of elk's default
 * 7: time grows with the size of a layer (3,500 nodes: ~1 s instead of ~2.5 s), and a part
 * this large is not read as a whole anyway.
 */
const LARGE_PART = 1000;

/**
 * elk lays out each connected part on its own (its cost grows faster than the number of
 * nodes); the parts are then stacked here column by column, so that a part sits beside or
 * between taller ones it shares no column with rather than below all of them: the drawing is
 * as tall as its tallest column needs, not as the sum of its parts.
 */
async function layeredLayout(
  nodes: readonly GraphNode[],
  edges: MeshGraph['edges'],
  sizeOf: (node: GraphNode) => Size,
  run: ElkRun,
): Promise<Record<string, XY>> {
  const column = new Map(nodes.map((node) => [node.id, columnOf(node.kind, node.hop)]));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  // Back edges (a delegate: route → VirtualService) join parts but are not laid out.
  const parts = connectedParts([...byId.keys()], edges);
  const partOf = new Map(parts.flatMap((ids, part) => ids.map((id) => [id, part] as const)));
  const forward: Array<Array<{ source: string; target: string }>> = parts.map(() => []);
  for (const edge of edges) {
    const from = column.get(edge.source);
    const to = column.get(edge.target);
    if (from === undefined || to === undefined || to <= from) continue;
    forward[partOf.get(edge.source) ?? 0]?.push(edge);
  }
  const largest = Math.max(...parts.map((ids) => ids.length));
  const elkY = await elkLayout(nodes, forward.flat(), column, sizeOf, largest > LARGE_PART ? 1 : 7, run);
  const laid = parts.map((ids, part) =>
    settlePart(
      ids.map((id) => byId.get(id) as GraphNode),
      forward[part] ?? [],
      elkY,
      column,
      sizeOf,
    ),
  );
  const offsets = stackParts(
    laid.map((y, part) => extents(y, forward[part] ?? [], column, (id) => sizeOf(byId.get(id) as GraphNode))),
    PART_GAP,
  );

  // Columns by kind, whatever layers elk used: x from the widest node of each column before.
  const width = new Map<number, number>();
  for (const node of nodes) {
    const at = column.get(node.id) ?? 0;
    width.set(at, Math.max(width.get(at) ?? 0, sizeOf(node).width));
  }
  const columnX = new Map<number, number>();
  let x = 0;
  for (const at of [...width.keys()].sort((a, b) => a - b)) {
    columnX.set(at, x);
    x += (width.get(at) ?? 0) + COLUMN_GAP;
  }
  const positions: Record<string, XY> = {};
  laid.forEach((y, part) => {
    for (const [id, top] of y) {
      positions[id] = { x: columnX.get(column.get(id) ?? 0) ?? 0, y: top + (offsets[part] ?? 0) };
    }
  });
  return positions;
}

/**
 * elk's layered layout of the nodes in their columns: a y for each. elk lays out each
 * connected part on its own (its cost grows faster than the number of nodes); the parts'
 * places relative to each other are not used.
 */
async function elkLayout(
  nodes: readonly GraphNode[],
  edges: ReadonlyArray<{ source: string; target: string }>,
  column: ReadonlyMap<string, number>,
  sizeOf: (node: GraphNode) => Size,
  thoroughness: number,
  run: ElkRun,
): Promise<Map<string, number>> {
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      // Layers from the x each node is given: its column. (elk's partitioning does the same
      // but took 11 s instead of 0.4 s for 500 nodes here.)
      'elk.layered.layering.strategy': 'INTERACTIVE',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.nodeNode': String(NODE_GAP),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(COLUMN_GAP),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // Edges are drawn by the canvas, not along elk's routes; orthogonal routing (the
      // default) took over half the time at 3,500 nodes.
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.thoroughness': String(thoroughness),
    },
    children: nodes.map((node) => {
      return {
        id: node.id,
        ...sizeOf(node),
        x: (column.get(node.id) ?? 0) * 1000,
        y: 0,
      };
    }),
    edges: edges.map((edge, position) => ({
      id: `e${position}`,
      sources: [edge.source],
      targets: [edge.target],
    })),
  };
  const laid = await run(root);
  return new Map((laid.children ?? []).map((child) => [child.id, child.y ?? 0]));
}

/**
 * The y of each node of one connected part, its top at 0: where elk put it, the routes put
 * back in Istio's order, then each column pushed apart where nodes of different widths (laid
 * out in one elk layer or in neighbouring ones) would overlap.
 */
function settlePart(
  nodes: readonly GraphNode[],
  edges: ReadonlyArray<{ source: string; target: string }>,
  laidY: ReadonlyMap<string, number>,
  column: ReadonlyMap<string, number>,
  sizeOf: (node: GraphNode) => Size,
): Map<string, number> {
  const elkY = followRoutes(nodes, edges, inRouteOrder(nodes, laidY), column);
  const byColumn = new Map<number, GraphNode[]>();
  for (const node of nodes) append(byColumn, column.get(node.id) ?? 0, node);
  const y = new Map<string, number>();
  let top = Number.POSITIVE_INFINITY;
  for (const members of byColumn.values()) {
    members.sort((a, b) => (elkY.get(a.id) ?? 0) - (elkY.get(b.id) ?? 0));
    let bottom = Number.NEGATIVE_INFINITY;
    for (const node of members) {
      const at = Math.max(elkY.get(node.id) ?? 0, bottom + NODE_GAP);
      y.set(node.id, at);
      bottom = at + sizeOf(node).height;
      top = Math.min(top, at);
    }
  }
  for (const [id, at] of y) y.set(id, at - top);
  return y;
}

/**
 * What a laid-out part takes up in each column: its nodes, and the stretch an edge passing
 * over a column (a destination straight to a workload) runs through, so no other part's node
 * is put under it.
 */
function extents(
  y: ReadonlyMap<string, number>,
  edges: ReadonlyArray<{ source: string; target: string }>,
  column: ReadonlyMap<string, number>,
  sizeOf: (id: string) => Size,
): Map<number, Extent> {
  const taken = new Map<number, Extent>();
  const take = (at: number, top: number, bottom: number) => {
    const extent = taken.get(at);
    taken.set(
      at,
      extent ? { top: Math.min(extent.top, top), bottom: Math.max(extent.bottom, bottom) } : { top, bottom },
    );
  };
  for (const [id, top] of y) take(column.get(id) ?? 0, top, top + sizeOf(id).height);
  for (const edge of edges) {
    const from = column.get(edge.source) ?? 0;
    const to = column.get(edge.target) ?? 0;
    const a = y.get(edge.source) ?? 0;
    const b = y.get(edge.target) ?? 0;
    const top = Math.min(a, b);
    const bottom = Math.max(a + sizeOf(edge.source).height, b + sizeOf(edge.target).height);
    for (let at = from + 1; at < to; at++) take(at, top, bottom);
  }
  return taken;
}

// A Gateway API route has only `rules`.
const KIND_ORDER: ReadonlyArray<RouteKind | 'rules'> = ['http', 'tls', 'tcp', 'rules'];

/**
 * Routes put back in order can cross the edges to their destinations, which elk ordered for
 * the routes' old places: each column right of the routes hands its nodes' places out again
 * in the order of where the nodes they come from now stand (their mean y).
 */
function followRoutes(
  nodes: readonly GraphNode[],
  edges: ReadonlyArray<{ source: string; target: string }>,
  y: ReadonlyMap<string, number>,
  column: ReadonlyMap<string, number>,
): Map<string, number> {
  const ordered = new Map(y);
  const from = new Map<string, string[]>();
  for (const edge of edges) append(from, edge.target, edge.source);
  const byColumn = new Map<number, string[]>();
  for (const node of nodes) {
    const at = column.get(node.id) ?? 0;
    if (at > ROUTE_COLUMN && from.has(node.id)) append(byColumn, at, node.id);
  }
  for (const at of [...byColumn.keys()].sort((a, b) => a - b)) {
    const ids = byColumn.get(at) ?? [];
    const mean = new Map(
      ids.map((id) => {
        const sources = from.get(id) ?? [];
        return [id, sources.reduce((sum, source) => sum + (ordered.get(source) ?? 0), 0) / sources.length];
      }),
    );
    const places = ids.map((id) => ordered.get(id) ?? 0).sort((a, b) => a - b);
    const sorted = [...ids].sort(
      (a, b) => (mean.get(a) ?? 0) - (mean.get(b) ?? 0) || (ordered.get(a) ?? 0) - (ordered.get(b) ?? 0),
    );
    sorted.forEach((id, i) => {
      ordered.set(id, places[i] ?? 0);
    });
  }
  return ordered;
}

const ROUTE_COLUMN = columnOf('route');

/** The route nodes of each VirtualService, in the order Istio tries them. */
function routeLists(nodes: readonly GraphNode[]): string[][] {
  const byService = new Map<string, Array<{ id: string; order: number }>>();
  for (const node of nodes) {
    const route = node.kind === 'route' ? node.route : undefined;
    if (!route) continue;
    const order = KIND_ORDER.indexOf(route.routeKind) * 1_000_000 + route.routeIndex;
    append(byService, objectKey(route.ref), { id: node.id, order });
  }
  return [...byService.values()].map((routes) =>
    routes.sort((a, b) => a.order - b.order).map((route) => route.id),
  );
}

/**
 * Istio tries a VirtualService's routes in order, so they are drawn top to bottom in that
 * order: a default route drawn above the header match it follows would misstate the routing.
 * elk is asked to keep that order while it reduces crossings; where it could not, the routes
 * keep the places elk gave them, handed out again in route order.
 */
function inRouteOrder(nodes: readonly GraphNode[], y: ReadonlyMap<string, number>): Map<string, number> {
  const ordered = new Map(y);
  for (const routes of routeLists(nodes)) {
    const places = routes.map((id) => y.get(id) ?? 0).sort((a, b) => a - b);
    routes.forEach((id, i) => {
      ordered.set(id, places[i] ?? 0);
    });
  }
  return ordered;
}
