import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseObject } from '../mesh/parse';
import type { StoredObject } from '../mesh/types';
import { buildGraph } from './build-graph';
import { COLUMNS, layoutGraph, nodeSize, type XY } from './layout';
import { shopObjects, shopSnapshot, snapshotOf, virtualService } from './test-fixtures';
import type { GraphNode, MeshGraph } from './types';

function overlaps(graph: MeshGraph, positions: Record<string, XY>, among: ReadonlySet<string>): string[] {
  const boxes = graph.nodes.map(
    (node) =>
      ({ id: node.id, ...positions[node.id], ...nodeSize(node) }) as { id: string } & XY & {
          width: number;
          height: number;
        },
  );
  const found: string[] = [];
  for (const a of boxes) {
    if (!among.has(a.id)) continue;
    for (const b of boxes) {
      if (a.id === b.id) continue;
      const apart =
        a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      if (!apart) found.push(`${a.id} overlaps ${b.id}`);
    }
  }
  return found;
}

const grown = () =>
  buildGraph(
    snapshotOf([
      ...shopObjects(),
      virtualService('shop', 'checkout', {
        hosts: ['checkout'],
        http: [
          {
            match: [{ headers: { 'x-beta': { exact: 'true' } } }],
            route: [{ destination: { host: 'reviews', subset: 'v3' } }],
          },
          { route: [{ destination: { host: 'checkout' } }] },
        ],
      }),
    ]),
  );

describe('layoutGraph', () => {
  it('places every node in its kind column, left to right, without overlaps', async () => {
    const graph = buildGraph(shopSnapshot());
    const positions = await layoutGraph(graph, nodeSize);
    const all = new Set(graph.nodes.map((node) => node.id));
    expect(Object.keys(positions).sort()).toEqual([...all].sort());
    expect(overlaps(graph, positions, all)).toEqual([]);
    const xOf = new Map<string, Set<number>>();
    for (const node of graph.nodes)
      xOf.set(node.kind, new Set([...(xOf.get(node.kind) ?? []), positions[node.id]?.x ?? Number.NaN]));
    for (const xs of xOf.values()) expect(xs.size).toBe(1);
    const columnX = COLUMNS.filter((kind) => xOf.has(kind)).map((kind) => [...(xOf.get(kind) ?? [])][0] ?? 0);
    expect(columnX).toEqual([...columnX].sort((a, b) => a - b));
  });

  it('keeps placed nodes exactly where they are and places new ones without overlap', async () => {
    const before = buildGraph(shopSnapshot());
    const first = await layoutGraph(before, nodeSize);
    // A person dragged one node away.
    const previous: Record<string, XY> = { ...first, 'vs:shop/reviews': { x: 350, y: 900.5 } };
    const after = grown();
    const positions = await layoutGraph(after, nodeSize, previous);
    for (const node of before.nodes) expect(positions[node.id]).toEqual(previous[node.id]);
    const fresh = new Set(after.nodes.filter((node) => !(node.id in previous)).map((node) => node.id));
    expect([...fresh].sort()).toEqual([
      'dest:checkout.shop.svc.cluster.local||',
      'dest:reviews.shop.svc.cluster.local|v3|',
      'route:shop/checkout/http/0',
      'route:shop/checkout/http/1',
      'vs:shop/checkout',
    ]);
    expect(overlaps(after, positions, fresh)).toEqual([]);
    // New nodes stand in their kind's column where that column already has nodes.
    expect(positions['route:shop/checkout/http/0']?.x).toBe(first['route:shop/reviews/http/0']?.x);
  });

  it('places nothing anew when every node has a position', async () => {
    const graph = buildGraph(shopSnapshot());
    const previous = Object.fromEntries(
      graph.nodes.map((node, position) => [node.id, { x: position, y: -position }]),
    );
    expect(await layoutGraph(graph, nodeSize, previous)).toEqual(previous);
  });

  it('accepts sizes by node id and survives edges to missing nodes, back edges and duplicates', async () => {
    const graph = grown();
    const odd: MeshGraph = {
      nodes: [...graph.nodes, graph.nodes[0] as GraphNode],
      edges: [
        ...graph.edges,
        { id: 'x', source: 'nowhere', target: 'vs:shop/reviews', kind: 'route', problems: [] },
        {
          id: 'back',
          source: 'route:shop/checkout/http/0',
          target: 'vs:shop/reviews',
          kind: 'delegate',
          problems: [],
        },
        { id: 'self', source: 'vs:shop/reviews', target: 'vs:shop/reviews', kind: 'route', problems: [] },
      ],
    };
    const sizes = Object.fromEntries(graph.nodes.map((node) => [node.id, { width: 100, height: 40 }]));
    const positions = await layoutGraph(odd, sizes);
    expect(Object.keys(positions)).toHaveLength(graph.nodes.length);
  });

  it('stacks unconnected parts column by column: a short part beside a taller one, none across another', async () => {
    const card = (id: string, kind: GraphNode['kind']): GraphNode => ({
      id,
      kind,
      namespace: 'shop',
      label: id,
      details: [],
      problems: [],
    });
    const link = (source: string, target: string) => ({
      id: `${source}>${target}`,
      source,
      target,
      kind: 'route' as const,
      problems: [],
    });
    const graph: MeshGraph = {
      nodes: [
        card('vs', 'virtualService'),
        ...[0, 1, 2, 3].map((i) => card(`r${i}`, 'route')),
        card('d', 'destination'),
        card('lone-workload', 'workload'),
        card('vs2', 'virtualService'),
        card('r5', 'route'),
      ],
      edges: [...[0, 1, 2, 3].flatMap((i) => [link('vs', `r${i}`), link(`r${i}`, 'd')]), link('vs2', 'r5')],
    };
    const positions = await layoutGraph(graph, nodeSize);
    const at = (id: string) => positions[id] as XY;
    // The workload shares no column with the first part: it stands at the top, not below it.
    expect(at('lone-workload').y).toBe(Math.min(...Object.values(positions).map((p) => p.y)));
    // The second VirtualService's part goes below the first in both columns it shares with it.
    const bottom = Math.max(...[0, 1, 2, 3].map((i) => at(`r${i}`).y + nodeSize(card('r', 'route')).height));
    expect(at('r5').y).toBeGreaterThan(bottom);
    expect(at('vs2').y).toBeGreaterThan(at('vs').y);
  });

  it('lays out an empty graph', async () => {
    expect(await layoutGraph({ nodes: [], edges: [] }, nodeSize)).toEqual({});
  });
});

describe('route order', () => {
  it("draws a VirtualService's routes top to bottom in the order Istio tries them", async () => {
    // The demo mesh: checkout's header route (→ v2) comes before its default (→ v1), while the
    // v1 destination sorts above v2 — which tempts crossing minimisation to swap the routes.
    const folder = path.resolve('demo', 'mesh');
    const objects = readdirSync(folder)
      .filter((name) => name.endsWith('.yaml'))
      .flatMap((name) => YAML.parseAllDocuments(readFileSync(path.join(folder, name), 'utf8')))
      .map((doc) => parseObject(doc.toJS()))
      .filter((object): object is StoredObject => object !== undefined);
    const positions = await layoutGraph(buildGraph(snapshotOf(objects)));
    for (const name of ['checkout', 'storefront']) {
      const ys = Object.entries(positions)
        .filter(([id]) => id.startsWith(`route:shop/${name}/http/`))
        .sort(([a], [b]) => Number(a.split('/').pop()) - Number(b.split('/').pop()))
        .map(([, xy]) => xy.y);
      expect(ys.length).toBeGreaterThan(1);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
    }
    // Their destinations follow them: checkout's header route (→ v2) above its default (→ v1),
    // so the two edges do not cross.
    const graph = buildGraph(snapshotOf(objects));
    const targetOf = (route: string) =>
      graph.edges.find((edge) => edge.source === route && edge.kind === 'weight')?.target ?? '';
    const first = positions[targetOf('route:shop/checkout/http/0')];
    const second = positions[targetOf('route:shop/checkout/http/1')];
    expect(first && second && first.y < second.y).toBe(true);
  });
});
